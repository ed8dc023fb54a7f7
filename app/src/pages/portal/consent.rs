use crate::api::consent::{load_consents, SetConsent};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_datetime, t};
use crate::components::labels::purpose_title;
use crate::components::portal_nav::PortalNav;
use crate::domain::{ConsentAction, ConsentCard, ConsentChannel, ConsentEvent, ConsentPurpose};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn purpose_explanation(purpose: ConsentPurpose) -> Msg {
    match purpose {
        ConsentPurpose::Selection => Msg::PurposeSelectionExplain,
        ConsentPurpose::TalentPool => Msg::PurposeTalentPoolExplain,
        ConsentPurpose::JobNews => Msg::PurposeJobNewsExplain,
        ConsentPurpose::AgencyReferral => Msg::PurposeAgencyReferralExplain,
    }
}

fn channel_label(channel: ConsentChannel) -> Msg {
    match channel {
        ConsentChannel::Portal => Msg::ChannelPortal,
        ConsentChannel::MailLink => Msg::ChannelMailLink,
        ConsentChannel::Recruiter => Msg::ChannelRecruiter,
        ConsentChannel::Import => Msg::ChannelImport,
    }
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let error = use_form_error();
    let saved = use_query_map().with_untracked(|q| q.get("saved")).and_then(|s| match s.as_str() {
        "granted" => Some(Msg::SavedGranted),
        "withdrawn" => Some(Msg::SavedWithdrawn),
        "unchanged" => Some(Msg::SavedUnchanged),
        _ => None,
    });
    view! {
        <Title text=t(Msg::ConsentTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_consents()).await, "/portal/sign-in", |overview| {
                        view! {
                            <PortalNav current="/portal/consent" />
                            <h1>{t(Msg::ConsentTitle)}</h1>
                            <p class="lead">{t(Msg::ConsentIntro)}</p>
                            <FormAlert error=error />
                            {saved.map(|msg| view! { <div class="alert alert-ok" role="status">{t(msg)}</div> })}
                            <div class="consent-cards">
                                {overview.cards.into_iter().map(|card| view! { <Card card=card /> }).collect_view()}
                            </div>
                            <History events=overview.history />
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}

#[component]
fn Card(card: ConsentCard) -> impl IntoView {
    let purpose = card.purpose;
    let heading_id = format!("{}-{}-heading", purpose.as_str(), card.agency_id.clone().unwrap_or_default());
    let labelled_by = heading_id.clone();
    let section_id = match &card.agency_id {
        Some(agency) => format!("{}-{agency}", purpose.as_str()),
        None => purpose.as_str().to_owned(),
    };
    let title = match &card.agency_name {
        Some(agency) => format!("{}: {agency}", t(purpose_title(purpose))),
        None => t(purpose_title(purpose)).to_owned(),
    };
    let state = match card.state {
        Some(ConsentAction::Granted) => Msg::StateGranted,
        Some(ConsentAction::Withdrawn) => Msg::StateWithdrawn,
        None => Msg::StateNone,
    };
    let referral_without_agency = purpose == ConsentPurpose::AgencyReferral && card.agency_id.is_none();
    let review = card.needs_review();
    // a referral is granted agency by agency on the referral page; here it can only be withdrawn
    let action = if card.granted() && !review {
        Some((ConsentAction::Withdrawn, Msg::WithdrawButton, "button button-secondary"))
    } else if review {
        Some((ConsentAction::Granted, Msg::RegrantButton, "button"))
    } else if purpose != ConsentPurpose::AgencyReferral {
        Some((ConsentAction::Granted, Msg::GrantButton, "button"))
    } else {
        None
    };
    view! {
        <section class="card consent-card" id=section_id aria-labelledby=labelled_by>
            <h2 id=heading_id>{title}</h2>
            <p>{t(purpose_explanation(purpose))}</p>
            <p class="consent-state">
                <span class=if card.granted() { "badge badge-ok" } else { "badge" }>{t(state)}</span>
                {card.since.map(|at| view! { <span class="muted">{t(Msg::SinceLabel)}": "{format_datetime(at)}</span> })}
                {card.accepted_version.map(|v| view! { <span class="muted">{t(Msg::PolicyVersionLabel)}": "{v}</span> })}
            </p>
            {(purpose == ConsentPurpose::AgencyReferral).then(|| view! {
                <p class="muted">
                    {referral_without_agency.then(|| t(Msg::AgencyReferralNone))}" "
                    <a href="/relay">{t(Msg::RelayOpenPage)}</a>
                </p>
            })}
            {review.then(|| view! { <p class="alert alert-warn">{t(Msg::ReviewNeeded)}</p> })}
            {card
                .policy
                .map(|policy| {
                    view! {
                        <details class="policy" open=review>
                            <summary>{t(Msg::PolicyTextLabel)}" ("{t(Msg::PolicyVersionLabel)}" "{policy.version}")"</summary>
                            <p>{policy.text}</p>
                        </details>
                    }
                })}
            {action
                .map(|(action, label, class)| {
                    view! {
                        <form method="post" action=SetConsent::url()>
                            <input type="hidden" name="purpose" value=purpose.as_str() />
                            <input type="hidden" name="action" value=action.as_str() />
                            {card.agency_id.clone().map(|id| view! { <input type="hidden" name="agency_id" value=id /> })}
                            <button type="submit" class=class>{t(label)}</button>
                        </form>
                    }
                })}
        </section>
    }
}

#[component]
fn History(events: Vec<ConsentEvent>) -> impl IntoView {
    let empty = events.is_empty();
    view! {
        <section class="card" aria-labelledby="history-heading">
            <h2 id="history-heading">{t(Msg::HistoryTitle)}</h2>
            {empty.then(|| view! { <p>{t(Msg::HistoryEmpty)}</p> })}
            {(!empty)
                .then(|| {
                    view! {
                        <div class="table-scroll">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">{t(Msg::ColWhen)}</th>
                                        <th scope="col">{t(Msg::ColPurpose)}</th>
                                        <th scope="col">{t(Msg::ColAction)}</th>
                                        <th scope="col">{t(Msg::ColVersion)}</th>
                                        <th scope="col">{t(Msg::ColChannel)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {events
                                        .into_iter()
                                        .map(|e| {
                                            let purpose = match e.agency_name {
                                                Some(agency) => format!("{} ({agency})", t(purpose_title(e.purpose))),
                                                None => t(purpose_title(e.purpose)).to_owned(),
                                            };
                                            let action = if e.action == ConsentAction::Granted { Msg::ActionGranted } else { Msg::ActionWithdrawn };
                                            view! {
                                                <tr>
                                                    <td>{format_datetime(e.at)}</td>
                                                    <td>{purpose}</td>
                                                    <td>{t(action)}</td>
                                                    <td>{e.version}</td>
                                                    <td>{t(channel_label(e.channel))}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })}
        </section>
    }
}
