//! The partner agencies' portal: the candidates referred to this agency, only the items each agreed to.
use crate::api::auth::AgencySignIn;
use crate::api::relay::agency_portal::{load_agency_portal, SetAgencyPassword, SetReferralStatus};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_date, stage_label, t};
use crate::components::passwords::{PasswordSignIn, SetPasswordPage};
use crate::domain::{AgencyReferral, DataItem, ReferralStatus};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AgencySignInPage() -> impl IntoView {
    view! { <PasswordSignIn title=Msg::AgencySignInTitle action=AgencySignIn::url() /> }
}

#[component]
pub fn AgencySetPasswordPage() -> impl IntoView {
    view! { <SetPasswordPage action=SetAgencyPassword::url() title=Msg::AgencySetPasswordTitle body=Msg::AgencySetPasswordBody /> }
}

#[component]
pub fn AgencyHomePage() -> impl IntoView {
    let query = use_query_map();
    let before_at = query.with_untracked(|q| q.get("before_at")).and_then(|v| v.parse::<i64>().ok());
    let before_id = query.with_untracked(|q| q.get("before_id"));
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    let error = use_form_error();
    view! {
        <Title text=t(Msg::AgencyPortalTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_agency_portal(before_at, before_id.clone())).await, "/agency/sign-in", |portal| view! {
                    <h1>{t(Msg::AgencyPortalTitle)}</h1>
                    <p class="lead">{portal.agency_name}</p>
                    <p class="muted">{t(Msg::AgencyPortalHint)}</p>
                    <FormAlert error=error />
                    {saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Saved)}</div> })}
                    {portal.referrals.is_empty().then(|| view! { <p>{t(Msg::AgencyNoReferrals)}</p> })}
                    <ul class="stack referral-list">
                        {portal.referrals.into_iter().map(|r| view! { <li><Referral referral=r /></li> }).collect_view()}
                    </ul>
                    {portal.next.map(|(at, id)| view! {
                        <p><a class="button button-secondary" href=format!("/agency?before_at={at}&before_id={}", id)>{t(Msg::NextPage)}</a></p>
                    })}
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Referral(referral: AgencyReferral) -> impl IntoView {
    let AgencyReferral { id, reference, provided_at, status, withdrawn_at, items, .. } = referral.clone();
    let heading_id = format!("r-{id}-heading");
    if let Some(withdrawn) = withdrawn_at {
        return view! {
            <section class="card" id=format!("r-{id}") aria-labelledby=heading_id.clone()>
                <h2 id=heading_id.clone()>{reference}</h2>
                <p class="muted">{t(Msg::AgencyReferredOn)}" "{format_date(provided_at)}</p>
                <div class="alert alert-warn" role="note">
                    <strong>{t(Msg::AgencyWithdrawnOn)}" "{format_date(withdrawn)}</strong>
                    <p>{t(Msg::AgencyDeleteNotice)}</p>
                </div>
            </section>
        }
        .into_any();
    }
    let title = referral.name.clone().unwrap_or_else(|| reference.clone());
    let label = format!("{}: {}", t(Msg::AgencyStatusLabel), reference);
    view! {
        <section class="card" id=format!("r-{id}") aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{title}</h2>
            <p class="muted">
                {reference.clone()}" · "{t(Msg::AgencyReferredOn)}" "{format_date(provided_at)}" · "
                <span class="badge">{t(status.label())}</span>
            </p>
            <dl class="facts">
                {referral.kana.map(|kana| view! { <dt>{t(Msg::KanaLabel)}</dt><dd>{kana}</dd> })}
                {referral.email.map(|email| view! { <dt>{t(Msg::ItemEmail)}</dt><dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd> })}
                {referral.phone.map(|phone| view! { <dt>{t(Msg::ItemPhone)}</dt><dd>{phone}</dd> })}
                {referral.skills.map(|skills| view! { <dt>{t(Msg::ItemSkills)}</dt><dd>{skills.join(", ")}</dd> })}
                {referral.desired_roles.map(|roles| view! { <dt>{t(Msg::ItemDesiredRoles)}</dt><dd>{roles}</dd> })}
                {items.contains(&DataItem::Resume).then(|| view! {
                    <dt>{t(Msg::ItemResume)}</dt>
                    <dd>{match referral.resume_file {
                        Some(file) => view! { <a href=format!("/agency/resume/{id}")>{file}</a> }.into_any(),
                        None => view! { <span class="muted">{t(Msg::AgencyNoResume)}</span> }.into_any(),
                    }}</dd>
                })}
            </dl>
            {referral.applications.map(|apps| view! {
                <h3>{t(Msg::ItemApplicationSummary)}</h3>
                <ul>
                    {apps.into_iter().map(|a| view! {
                        <li>{a.job_title}" · "{t(stage_label(a.stage, a.outcome))}" · "{format_date(a.applied_at)}</li>
                    }).collect_view()}
                </ul>
            })}
            <form method="post" action=SetReferralStatus::url() class="search-row">
                <input type="hidden" name="id" value=id.clone() />
                <label for=format!("status-{id}")>{label}</label>
                <select id=format!("status-{id}") name="status">
                    {[ReferralStatus::Registered, ReferralStatus::Placed, ReferralStatus::Declined].into_iter().map(|s| view! {
                        <option value=s.as_str() selected=s == status>{t(s.label())}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-secondary">{t(Msg::SaveButton)}</button>
            </form>
        </section>
    }
    .into_any()
}
