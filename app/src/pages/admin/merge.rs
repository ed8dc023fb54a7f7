//! Comparing two records that may be the same person, and merging them.
use crate::api::candidates::load_candidate;
use crate::api::merge::MergeCandidates;
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::domain::{CandidateDetail, ConsentPurpose};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn MergePage() -> impl IntoView {
    let params = use_params_map();
    let keep = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let other = params.with_untracked(|p| p.get("other")).unwrap_or_default();
    let error = use_form_error();
    view! {
        <Title text=t(Msg::MergeTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let both = match (crate::components::loading::run(load_candidate(keep.clone())).await, crate::components::loading::run(load_candidate(other.clone())).await) {
                    (Ok(a), Ok(b)) => Ok((a, b)),
                    (Err(e), _) | (_, Err(e)) => Err(e),
                };
                crate::components::errors::page_or(both, "/admin/sign-in", |(kept, gone)| view! {
                    <h1>{t(Msg::MergeTitle)}</h1>
                    <p>{t(Msg::MergeExplain)}</p>
                    <FormAlert error=error />
                    <div class="board">
                        <Side title=Msg::MergeKeep detail=kept.clone() />
                        <Side title=Msg::MergeRemove detail=gone.clone() />
                    </div>
                    <Moving detail=gone.clone() />
                    <form method="post" action=MergeCandidates::url() class="card">
                        <input type="hidden" name="keep" value=kept.summary.id.clone() />
                        <input type="hidden" name="other" value=gone.summary.id.clone() />
                        {has_agency_consents(&gone).then(|| view! {
                            <label class="choice">
                                <input type="checkbox" name="confirm_agency" value="yes" required />
                                <span>{t(Msg::MergeConfirmAgencyLabel)}</span>
                            </label>
                        })}
                        <label class="choice">
                            <input type="checkbox" name="confirm" value="yes" required />
                            <span>{t(Msg::MergeConfirmLabel)}</span>
                        </label>
                        <p><button type="submit" class="button button-danger">{t(Msg::MergeButton)}</button></p>
                    </form>
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Side(title: Msg, detail: CandidateDetail) -> impl IntoView {
    let p = detail.profile;
    let heading = format!("{}: {}", t(title), detail.summary.name);
    let heading_id = format!("side-{}", detail.summary.id);
    view! {
        <section class="card" aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            <dl class="facts">
                <dt>{t(Msg::EmailLabel)}</dt><dd>{detail.summary.email}</dd>
                <dt>{t(Msg::KanaLabel)}</dt><dd>{format!("{} {}", p.family_name_kana, p.given_name_kana)}</dd>
                <dt>{t(Msg::PhoneLabel)}</dt><dd>{p.phone}</dd>
                <dt>{t(Msg::LocationLabel)}</dt><dd>{p.location}</dd>
                <dt>{t(Msg::SkillsLabel)}</dt><dd>{p.skills}</dd>
                <dt>{t(Msg::ApplicationsTitle)}</dt><dd>{detail.applications.len()}</dd>
                <dt>{t(Msg::NotesTitle)}</dt><dd>{detail.notes.len()}</dd>
                <dt>{t(Msg::MailsSentTitle)}</dt><dd>{detail.mails.len()}</dd>
                <dt>{t(Msg::NavConsent)}</dt><dd>{detail.consent.history.len()}</dd>
            </dl>
        </section>
    }
}

fn has_agency_consents(detail: &CandidateDetail) -> bool {
    detail.consent.history.iter().any(|e| e.purpose == ConsentPurpose::AgencyReferral) || !detail.provisions.is_empty()
}

/// What moves with the second record: each consent as it stands, and each provision to an agency.
#[component]
fn Moving(detail: CandidateDetail) -> impl IntoView {
    let consents: Vec<_> = detail.consent.cards.into_iter().filter(|c| c.state.is_some()).collect();
    let nothing = consents.is_empty() && detail.provisions.is_empty();
    view! {
        <section class="card" aria-labelledby="moving-heading">
            <h2 id="moving-heading">{t(Msg::MergeMovingTitle)}</h2>
            {nothing.then(|| view! { <p>{t(Msg::MergeMovingNone)}</p> })}
            {(!consents.is_empty()).then(|| view! {
                <table>
                    <caption>{t(Msg::NavConsent)}</caption>
                    <thead><tr><th scope="col">{t(Msg::ColPurpose)}</th><th scope="col">{t(Msg::ColStatus)}</th><th scope="col">{t(Msg::ColDate)}</th></tr></thead>
                    <tbody>
                        {consents.into_iter().map(|c| {
                            let purpose = match &c.agency_name {
                                Some(agency) => format!("{}: {agency}", t(c.purpose.label())),
                                None => t(c.purpose.label()).to_owned(),
                            };
                            let state = if c.granted() { Msg::StateGranted } else { Msg::StateWithdrawn };
                            view! { <tr><td>{purpose}</td><td>{t(state)}</td><td>{c.since.map(format_date)}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!detail.provisions.is_empty()).then(|| view! {
                <table>
                    <caption>{t(Msg::MergeMovingReferrals)}</caption>
                    <thead><tr><th scope="col">{t(Msg::ColRecipient)}</th><th scope="col">{t(Msg::ColProvidedAt)}</th><th scope="col">{t(Msg::ColItems)}</th></tr></thead>
                    <tbody>
                        {detail.provisions.into_iter().map(|p| {
                            let items = p.items.iter().map(|i| t(i.label())).collect::<Vec<_>>().join("、");
                            view! { <tr><td>{p.agency_name}</td><td>{format_date(p.provided_at)}</td><td>{items}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
