//! The referral page ("career relay") a rejected candidate reaches from the rejection mail or the company-wide
//! link: what happens, to whom, with which items, one unticked choice per agency.
use crate::api::relay::opt_in::{load_relay_choices, load_relay_link, RequestRelayLink, SubmitRelay};
use crate::components::forms::{use_form_error, use_kept_value, EmailField, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::domain::{RelayChoices, RelayLink, RelayOffer};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The personal link from a rejection mail. Opening it uses nothing up; submitting the form does.
#[component]
pub fn RelayLinkPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    let error = use_form_error();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match crate::components::loading::run(load_relay_link(token.clone())).await {
                    Ok(RelayLink::Open(choices)) => view! { <RelayForm choices=choices token=Some(token.clone()) error=error /> }.into_any(),
                    Ok(RelayLink::Problem(reason)) => view! { <RelayProblem reason=reason /> }.into_any(),
                    Ok(RelayLink::OtherPerson) => view! { <RelayProblem reason="other".to_owned() /> }.into_any(),
                    Err(error) => view! { <crate::components::errors::ErrorPanel error=error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The company-wide referral URL: the signed-in candidate's referral page, or a form that signs them in first.
#[component]
pub fn RelayPage() -> impl IntoView {
    let error = use_form_error();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                match crate::components::loading::run(load_relay_choices()).await {
                    Ok(Some(choices)) => view! { <RelayForm choices=choices token=None error=error /> }.into_any(),
                    Ok(None) => view! { <RelayStart error=error /> }.into_any(),
                    Err(error) => view! { <crate::components::errors::ErrorPanel error=error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RelayStart(error: Option<Msg>) -> impl IntoView {
    let email = use_kept_value("email");
    view! {
        <Title text=t(Msg::RelayTitle) />
        <section class="card narrow">
            <h1>{t(Msg::RelayTitle)}</h1>
            <p>{t(Msg::RelayStartBody)}</p>
            <FormAlert error=error />
            <form method="post" action=RequestRelayLink::url() novalidate>
                <EmailField value=email invalid=error.is_some() />
                <button type="submit" class="button">{t(Msg::SendLink)}</button>
            </form>
        </section>
    }
}

#[component]
fn RelayForm(choices: RelayChoices, token: Option<String>, error: Option<Msg>) -> impl IntoView {
    let RelayChoices { candidate_name, offers, policy_text, policy_version, talent_pool, job_news } = choices;
    let none_offered = offers.is_empty();
    view! {
        <Title text=t(Msg::RelayTitle) />
        <h1>{t(Msg::RelayTitle)}</h1>
        <p class="lead">{candidate_name}{t(Msg::MailGreetingSuffix)}</p>
        <FormAlert error=error />
        <section class="card" aria-labelledby="relay-what">
            <h2 id="relay-what">{t(Msg::RelayWhatHeading)}</h2>
            <p>{t(Msg::RelayWhatBody)}</p>
            <p><strong>{t(Msg::RelayNoEffect)}</strong></p>
            <details class="policy">
                <summary>{t(Msg::PolicyTextLabel)}" ("{t(Msg::PolicyVersionLabel)}" "{policy_version}")"</summary>
                <p>{policy_text}</p>
            </details>
        </section>
        <form method="post" action=SubmitRelay::url()>
            {token.map(|token| view! { <input type="hidden" name="token" value=token /> })}
            <fieldset class="card">
                <legend><h2>{t(Msg::RelayAgenciesHeading)}</h2></legend>
                <p class="muted">{t(Msg::RelayAgenciesHint)}</p>
                {none_offered.then(|| view! { <p>{t(Msg::RelayNoAgencies)}</p> })}
                {offers.into_iter().enumerate().map(|(i, offer)| view! { <Offer index=i offer=offer /> }).collect_view()}
            </fieldset>
            <fieldset class="card">
                <legend><h2>{t(Msg::RelayStayHeading)}</h2></legend>
                <p class="muted">{t(Msg::RelayStayHint)}</p>
                {if talent_pool {
                    view! { <p><span class="badge badge-ok">{t(Msg::PurposeTalentPool)}": "{t(Msg::StateGranted)}</span></p> }.into_any()
                } else {
                    view! {
                        <label class="choice">
                            <input type="checkbox" name="talent_pool" value="yes" />
                            <span>{t(Msg::RelayTalentPoolChoice)}</span>
                        </label>
                    }.into_any()
                }}
                {if job_news {
                    view! { <p><span class="badge badge-ok">{t(Msg::PurposeJobNews)}": "{t(Msg::StateGranted)}</span></p> }.into_any()
                } else {
                    view! {
                        <label class="choice">
                            <input type="checkbox" name="job_news" value="yes" />
                            <span>{t(Msg::RelayJobNewsChoice)}</span>
                        </label>
                    }.into_any()
                }}
                <div class="field">
                    <label for="contact_after">{t(Msg::RelayContactAfter)}</label>
                    <select id="contact_after" name="contact_after">
                        <option value="0" selected>{t(Msg::RelayContactNow)}</option>
                        <option value="3">{t(Msg::RelayContact3)}</option>
                        <option value="6">{t(Msg::RelayContact6)}</option>
                        <option value="12">{t(Msg::RelayContact12)}</option>
                    </select>
                </div>
            </fieldset>
            <p class="muted">{t(Msg::RelayUntickedNote)}</p>
            <p><button type="submit" class="button">{t(Msg::RelaySubmit)}</button></p>
        </form>
    }
}

#[component]
fn Offer(index: usize, offer: RelayOffer) -> impl IntoView {
    let RelayOffer { agency, agreed_at } = offer;
    let input_id = format!("agency-{index}");
    let details_id = format!("agency-{index}-details");
    let items = agency.items.iter().map(|i| t(i.label())).collect::<Vec<_>>().join("、");
    view! {
        <div class="agency-offer">
            {match agreed_at {
                Some(at) => view! {
                    <p>
                        <strong>{agency.name.clone()}</strong>" "
                        <span class="badge badge-ok">{t(Msg::RelayAlreadyReferred)}" "{format_date(at)}</span>" "
                        <a href="/portal/consent">{t(Msg::RelayWithdrawLink)}</a>
                    </p>
                }.into_any(),
                None => view! {
                    <label class="choice" for=input_id.clone()>
                        <input type="checkbox" id=input_id.clone() name=format!("agencies[{index}]") value=agency.id.clone() aria-describedby=details_id.clone() />
                        <span>{t(Msg::RelayReferMeTo)}<strong>{agency.name.clone()}</strong></span>
                    </label>
                }.into_any(),
            }}
            <dl class="facts" id=details_id>
                <dt>{t(Msg::RelayItemsLabel)}</dt>
                <dd>{items}</dd>
                <dt>{t(Msg::RelayPurposeLabel)}</dt>
                <dd>{t(Msg::RelayPurposeText)}</dd>
                <dt>{t(Msg::AgencyAddressLabel)}</dt>
                <dd>{agency.address}</dd>
                <dt>{t(Msg::AgencyRepresentativeLabel)}</dt>
                <dd>{agency.representative}</dd>
                <dt>{t(Msg::AgencyContactLabel)}</dt>
                <dd>{agency.contact_email}</dd>
            </dl>
        </div>
    }
}

#[component]
pub fn RelayDonePage() -> impl IntoView {
    let query = use_query_map();
    let referred: usize = query.with_untracked(|q| q.get("referred")).and_then(|n| n.parse().ok()).unwrap_or(0);
    let again = query.with_untracked(|q| q.get("again").is_some());
    let body = if again {
        Msg::RelayDoneAgain
    } else if referred > 0 {
        Msg::RelayDoneReferred
    } else {
        Msg::RelayDoneNothing
    };
    view! {
        <Title text=t(Msg::RelayDoneTitle) />
        <section class="card narrow" role="status">
            <h1>{t(Msg::RelayDoneTitle)}</h1>
            <p>{t(body)}</p>
            <p>{t(Msg::RelayDoneWithdraw)}</p>
        </section>
        <section class="card narrow" aria-labelledby="relay-portal">
            <h2 id="relay-portal">{t(Msg::RelayDonePortalHeading)}</h2>
            <p>{t(Msg::RelayDonePortalBody)}</p>
            <form method="post" action=crate::api::auth::RequestLink::url() novalidate>
                <EmailField value=String::new() invalid=false />
                <button type="submit" class="button">{t(Msg::SendLink)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn RelayProblemPage() -> impl IntoView {
    let reason = use_query_map().with_untracked(|q| q.get("reason")).unwrap_or_default();
    view! { <RelayProblem reason=reason /> }
}

#[component]
fn RelayProblem(reason: String) -> impl IntoView {
    let (title, body) = match reason.as_str() {
        "used" => (Msg::LinkUsedTitle, Msg::RelayLinkUsedBody),
        "expired" => (Msg::LinkExpiredTitle, Msg::RelayLinkFreshBody),
        "other" => (Msg::RelayOtherPersonTitle, Msg::RelayOtherPersonBody),
        _ => (Msg::LinkInvalidTitle, Msg::RelayLinkFreshBody),
    };
    view! {
        <Title text=t(title) />
        <section class="card narrow" role="alert">
            <h1>{t(title)}</h1>
            <p>{t(body)}</p>
            {if reason == "other" {
                view! {
                    <form method="post" action=crate::api::auth::SignOut::url()>
                        <button type="submit" class="button">{t(Msg::SignOut)}</button>
                    </form>
                }.into_any()
            } else {
                view! { <a class="button" href="/relay">{t(Msg::RelayFreshLink)}</a> }.into_any()
            }}
        </section>
    }
}
