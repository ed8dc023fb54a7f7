use crate::api::preferences::{load_preferences, Resubscribe, SavePreferences, UnsubscribeEverything};
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::portal_nav::PortalNav;
use crate::domain::{ContactPreferences, PreferencesPage, Topic, MONTHLY_CAPS};
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PreferencesPage() -> impl IntoView {
    let error = use_form_error();
    let saved = use_query_map().with_untracked(|q| q.get("saved")).and_then(|s| match s.as_str() {
        "preferences" => Some(Msg::PreferencesSaved),
        "unsubscribed" => Some(Msg::Unsubscribed),
        "resubscribed" => Some(Msg::Resubscribed),
        _ => None,
    });
    let kept_cap = use_kept_value("monthly_cap");
    let kept_pause = use_kept_value("pause_until");
    view! {
        <Title text=t(Msg::PreferencesTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_preferences()).await, "/portal/sign-in", |page| {
                        let kept = error.map(|_| (kept_cap.clone(), kept_pause.clone()));
                        view! {
                            <PortalNav current="/portal/preferences" />
                            <h1>{t(Msg::PreferencesTitle)}</h1>
                            <p class="lead">{t(Msg::PreferencesIntro)}</p>
                            <FormAlert error=error />
                            {saved.map(|msg| view! { <div class="alert alert-ok" role="status">{t(msg)}</div> })}
                            <PreferencesForm page=page.clone() kept=kept />
                            <Unsubscribe preferences=page.preferences />
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}

fn date_input_value(ms: Option<i64>) -> String {
    ms.map(format_date).unwrap_or_default()
}

#[component]
fn PreferencesForm(page: PreferencesPage, kept: Option<(String, String)>) -> impl IntoView {
    let prefs = page.preferences;
    let (cap, pause) = kept.unwrap_or_else(|| {
        (prefs.monthly_cap.map(|c| c.to_string()).unwrap_or_default(), date_input_value(prefs.pause_until))
    });
    let language = prefs.language;
    let chosen = prefs.topics.clone();
    view! {
        <section class="card">
            <form method="post" action=SavePreferences::url()>
                <fieldset class="field">
                    <legend>{t(Msg::LanguagePreference)}</legend>
                    {[(Lang::Ja, "日本語"), (Lang::En, "English")]
                        .into_iter()
                        .map(|(lang, label)| {
                            let id = format!("language-{}", lang.tag());
                            view! {
                                <label class="choice">
                                    <input type="radio" id=id name="language" value=lang.tag() checked=lang == language />
                                    <span lang=lang.tag()>{label}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset class="field">
                    <legend>{t(Msg::TopicsLabel)}</legend>
                    <p class="muted">{t(Msg::TopicsHint)}</p>
                    <div class="choices">
                        {page
                            .topics
                            .into_iter()
                            .enumerate()
                            .map(|(i, Topic { key, label })| {
                                let id = format!("topic-{i}");
                                let checked = chosen.contains(&key);
                                view! {
                                    <label class="choice">
                                        <input type="checkbox" id=id name=format!("topics[{i}]") value=key checked=checked />
                                        <span>{label}</span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="monthly_cap">{t(Msg::MonthlyCapLabel)}</label>
                    <select id="monthly_cap" name="monthly_cap">
                        <option value="" selected=cap.is_empty()>{t(Msg::NoLimit)}</option>
                        {MONTHLY_CAPS
                            .iter()
                            .map(|n| {
                                let value = n.to_string();
                                view! { <option value=value.clone() selected=value == cap>{*n}{t(Msg::PerMonthSuffix)}</option> }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="pause_until">{t(Msg::PauseLabel)}</label>
                    <input type="date" id="pause_until" name="pause_until" value=pause aria-describedby="pause-hint" />
                    <p class="muted" id="pause-hint">{t(Msg::PauseHint)}</p>
                </div>
                <button type="submit" class="button">{t(Msg::SavePreferences)}</button>
            </form>
        </section>
    }
}

#[component]
fn Unsubscribe(preferences: ContactPreferences) -> impl IntoView {
    let unsubscribed = preferences.unsubscribed_at.is_some();
    view! {
        <section class="card" aria-labelledby="unsubscribe-heading">
            <h2 id="unsubscribe-heading">{t(Msg::UnsubscribeAllTitle)}</h2>
            {if unsubscribed {
                view! {
                    <p class="badge">{t(Msg::UnsubscribedState)}</p>
                    <form method="post" action=Resubscribe::url()>
                        <button type="submit" class="button button-secondary">{t(Msg::ResubscribeButton)}</button>
                    </form>
                }
                    .into_any()
            } else {
                view! {
                    <p>{t(Msg::UnsubscribeAllBody)}</p>
                    <form method="post" action=UnsubscribeEverything::url()>
                        <button type="submit" class="button button-secondary">{t(Msg::UnsubscribeAllButton)}</button>
                    </form>
                }
                    .into_any()
            }}
        </section>
    }
}
