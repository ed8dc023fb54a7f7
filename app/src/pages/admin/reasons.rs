//! The managed lists of decline reasons (admins): add, retire, restore.
use crate::api::reasons::{load_reasons, SaveReason};
use crate::components::forms::{use_form_error, use_kept_value, Field, FormAlert};
use crate::components::i18n::t;
use crate::domain::DeclineReason;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReasonsPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::ReasonsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_reasons()).await, "/admin/sign-in", |reasons| view! { <Reasons reasons=reasons /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Reasons(reasons: Vec<DeclineReason>) -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let error = use_form_error();
    let (company, candidate): (Vec<_>, Vec<_>) = reasons.into_iter().partition(|r| r.company_side);
    let kept_side = use_kept_value("side");
    view! {
        <h1>{t(Msg::ReasonsTitle)}</h1>
        <p>{t(Msg::ReasonsIntro)}</p>
        <FormAlert error=error />
        {saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Saved)}</div> })}
        <ReasonList heading=Msg::ReasonsCompanySide id="company" reasons=company />
        <ReasonList heading=Msg::ReasonsCandidateSide id="candidate" reasons=candidate />
        <section class="card" aria-labelledby="add-reason-heading">
            <h2 id="add-reason-heading">{t(Msg::AddReasonTitle)}</h2>
            <form method="post" action=SaveReason::url() novalidate>
                <div class="field">
                    <label for="reason-side">{t(Msg::ReasonSideLabel)}</label>
                    <select id="reason-side" name="side">
                        <option value="company" selected=kept_side != "candidate">{t(Msg::ReasonsCompanySide)}</option>
                        <option value="candidate" selected=kept_side == "candidate">{t(Msg::ReasonsCandidateSide)}</option>
                    </select>
                </div>
                <Field name="label_ja" label=Msg::ReasonJaLabel value=use_kept_value("label_ja") />
                <Field name="label_en" label=Msg::ReasonEnLabel value=use_kept_value("label_en") />
                <button type="submit" class="button">{t(Msg::AddReasonButton)}</button>
            </form>
        </section>
    }
}

#[component]
fn ReasonList(heading: Msg, id: &'static str, reasons: Vec<DeclineReason>) -> impl IntoView {
    let heading_id = format!("{id}-reasons-heading");
    view! {
        <section class="card" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{t(heading)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ReasonJaLabel)}</th>
                            <th scope="col">{t(Msg::ReasonEnLabel)}</th>
                            <th scope="col">{t(Msg::ReasonUses)}</th>
                            <th scope="col">{t(Msg::StatusLabel)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {reasons.into_iter().map(|r| {
                            let (action, label) = if r.active { ("retire", Msg::RetireReasonButton) } else { ("restore", Msg::RestoreReasonButton) };
                            let name = format!("{} {}", t(label), r.label_ja);
                            view! {
                                <tr>
                                    <th scope="row">{r.label_ja.clone()}</th>
                                    <td>{r.label_en.clone()}</td>
                                    <td>{r.uses}</td>
                                    <td>
                                        {(!r.active).then(|| view! { <span class="badge">{t(Msg::ReasonRetired)}</span>" " })}
                                        <form method="post" action=SaveReason::url() class="inline-form">
                                            <input type="hidden" name="id" value=r.id.clone() />
                                            <input type="hidden" name="action" value=action />
                                            <button type="submit" class="button-link" aria-label=name>{t(label)}</button>
                                        </form>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
