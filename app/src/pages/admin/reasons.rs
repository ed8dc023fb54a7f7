//! The managed lists of decline reasons (admins): add, retire, restore.
use crate::api::admin::{load_reasons, SaveReason};
use crate::components::forms::{use_field_error, use_form_error, use_kept_value, FormAlert};
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
                crate::pages::page_or(load_reasons().await, "/admin/sign-in", |reasons| view! { <Reasons reasons=reasons /> }.into_any())
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
    let (ja_error, en_error) = (use_field_error("label_ja"), use_field_error("label_en"));
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
                <div class="field">
                    <label for="reason-ja">{t(Msg::ReasonJaLabel)}</label>
                    <input id="reason-ja" name="label_ja" type="text" required maxlength="100" value=use_kept_value("label_ja")
                        aria-invalid=ja_error.map(|_| "true") aria-describedby=ja_error.map(|_| "reason-ja-error") />
                    {ja_error.map(|m| view! { <p class="field-error" id="reason-ja-error">{t(m)}</p> })}
                </div>
                <div class="field">
                    <label for="reason-en">{t(Msg::ReasonEnLabel)}</label>
                    <input id="reason-en" name="label_en" type="text" required maxlength="100" value=use_kept_value("label_en")
                        aria-invalid=en_error.map(|_| "true") aria-describedby=en_error.map(|_| "reason-en-error") />
                    {en_error.map(|m| view! { <p class="field-error" id="reason-en-error">{t(m)}</p> })}
                </div>
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
