//! Automations: each built-in trigger → condition → action as a card an admin switches on and off, with its
//! settings and its run history.
use crate::api::automations::{load_automations, SaveAutomation, SwitchAutomation};
use crate::components::forms::{kept_value, use_field_error, use_form_error, FormAlert};
use crate::components::i18n::{format_datetime, t, use_lang};
use crate::domain::automations::{Automation, AutomationRun, AutomationsPage};
use crate::domain::segments::SegmentSummary;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AutomationsPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::AutomationsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_automations()).await, "/admin/sign-in", |page| view! { <Automations page=page /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Automations(page: AutomationsPage) -> impl IntoView {
    let notice = use_query_map().with_untracked(|q| {
        [("on", Msg::AutoSwitchedOn), ("off", Msg::AutoSwitchedOff), ("saved", Msg::Saved)]
            .into_iter()
            .find(|(k, _)| q.get(k).is_some())
            .map(|(_, m)| m)
    });
    let error = use_form_error();
    view! {
        <h1>{t(Msg::AutomationsTitle)}</h1>
        <p><a href="/admin">{t(Msg::DashboardTitle)}</a></p>
        {notice.filter(|_| error.is_none()).map(|m| view! { <div class="alert alert-ok" role="status">{t(m)}</div> })}
        <FormAlert error=error />
        <p>{t(Msg::AutomationsIntro)}</p>
        {page.automations.into_iter().map(|(automation, runs)| view! {
            <AutomationCard automation=automation runs=runs segments=page.segments.clone() sequences=page.sequences.clone() can_edit=page.can_edit />
        }).collect_view()}
    }
}

fn outcome_label(outcome: &str) -> Msg {
    if outcome == "sent" {
        Msg::ColSent
    } else {
        Msg::ColSkipped
    }
}

#[component]
fn AutomationCard(
    automation: Automation,
    runs: Vec<AutomationRun>,
    segments: Vec<SegmentSummary>,
    sequences: Vec<(String, String)>,
    can_edit: bool,
) -> impl IntoView {
    let kind = automation.kind;
    let key = kind.as_str();
    let heading = format!("{key}-heading");
    let lang = use_lang();
    let kept = kept_value("kind").is_some_and(|k| k == key);
    let segment = if kept {
        kept_value("segment_id").unwrap_or_default()
    } else {
        automation.segment_id.clone().unwrap_or_default()
    };
    let delay = if kept { kept_value("delay_hours").unwrap_or_default() } else { automation.delay_hours.to_string() };
    let delay_error = if kept { use_field_error("delay_hours") } else { None };
    let segment_id = format!("{key}-segment");
    let delay_id = format!("{key}-delay");
    let sequence_id = format!("{key}-sequence");
    let sequence = if kept {
        kept_value("campaign_id").unwrap_or_default()
    } else {
        automation.campaign_id.clone().unwrap_or_default()
    };
    view! {
        <section class="card" id=key aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>
                {t(kind.label())}" "
                <span class=if automation.enabled { "badge badge-ok" } else { "badge" }>
                    {t(if automation.enabled { Msg::AutoEnabled } else { Msg::AutoDisabled })}
                </span>
            </h2>
            <p>{t(kind.explain())}</p>
            {can_edit.then(|| view! {
                <form method="post" action=SwitchAutomation::url()>
                    <input type="hidden" name="kind" value=key />
                    <input type="hidden" name="on" value=if automation.enabled { "0" } else { "1" } />
                    <button type="submit" class=if automation.enabled { "button button-secondary" } else { "button" }
                        aria-label=format!("{}: {}", t(kind.label()), t(if automation.enabled { Msg::AutoSwitchOff } else { Msg::AutoSwitchOn }))>
                        {t(if automation.enabled { Msg::AutoSwitchOff } else { Msg::AutoSwitchOn })}
                    </button>
                </form>
            })}
            {(can_edit && (kind.has_condition() || kind.has_delay())).then(|| view! {
                <form method="post" action=SaveAutomation::url() class="search-row">
                    <input type="hidden" name="kind" value=key />
                    {kind.has_condition().then(|| view! {
                        <div class="field">
                            <label for=segment_id.clone()>{t(Msg::AutoCondition)}</label>
                            <select id=segment_id.clone() name="segment_id">
                                <option value="" selected=segment.is_empty()>{t(Msg::AutoNoCondition)}</option>
                                {segments.iter().map(|s| view! {
                                    <option value=s.id.clone() selected=s.id == segment>{if lang == Lang::En { s.name_en.clone() } else { s.name_ja.clone() }}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                    {kind.has_sequence().then(|| view! {
                        <div class="field">
                            <label for=sequence_id.clone()>{t(Msg::AutoSequence)}</label>
                            <select id=sequence_id.clone() name="campaign_id">
                                <option value="" selected=sequence.is_empty()>{t(Msg::AutoNoSequence)}</option>
                                {sequences.iter().map(|(id, name)| view! {
                                    <option value=id.clone() selected=*id == sequence>{name.clone()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    })}
                    {kind.has_delay().then(|| view! {
                        <div class="field">
                            <label for=delay_id.clone()>{t(Msg::AutoDelayHours)}</label>
                            <input id=delay_id.clone() name="delay_hours" type="text" inputmode="numeric" value=delay.clone()
                                aria-invalid=delay_error.map(|_| "true") />
                            {delay_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
                        </div>
                    })}
                    <button type="submit" class="button button-secondary" aria-label=format!("{}: {}", t(kind.label()), t(Msg::AutoSave))>{t(Msg::AutoSave)}</button>
                </form>
            })}
            <h3>{t(Msg::AutoRunsHeading)}</h3>
            {if runs.is_empty() {
                view! { <p class="muted">{t(Msg::AutoNoRuns)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="automation-runs">
                            <thead><tr>
                                <th scope="col">{t(Msg::ColWhen)}</th>
                                <th scope="col">{t(Msg::ColName)}</th>
                                <th scope="col">{t(Msg::ColOutcome)}</th>
                            </tr></thead>
                            <tbody>
                                {runs.into_iter().map(|run| view! {
                                    <tr>
                                        <td>{format_datetime(run.at)}</td>
                                        <td>{match (run.candidate_id, run.candidate_name.is_empty()) {
                                            (Some(id), false) => view! { <a href=format!("/admin/candidates/{id}")>{run.candidate_name.clone()}</a> }.into_any(),
                                            _ => view! { <span>"—"</span> }.into_any(),
                                        }}</td>
                                        <td>{t(outcome_label(&run.outcome))}{run.reason.map(|r| format!(" ({r})"))}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
