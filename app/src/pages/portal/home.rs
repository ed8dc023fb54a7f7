use crate::api::portal::load_portal_home;
use crate::components::i18n::{format_date, t};
use crate::components::labels::invitation_status_label;
use crate::components::portal_nav::PortalNav;
use crate::domain::{ApplicationSummary, Invitation};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PortalHomePage() -> impl IntoView {
    view! {
        <Title text=t(Msg::PortalWelcome) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_portal_home()).await, "/portal/sign-in", |home| {
                        view! {
                            <PortalNav current="/portal" />
                            <h1>{t(Msg::PortalWelcome)}</h1>
                            <p class="lead">{home.display_name}{t(Msg::PortalGreeting)}</p>
                            {home
                                .consent_review_needed
                                .then(|| {
                                    view! {
                                        <div class="alert alert-warn" role="status">
                                            {t(Msg::ReviewBanner)}" "
                                            <a href="/portal/consent">{t(Msg::ReviewLink)}</a>
                                        </div>
                                    }
                                })}
                            <section class="card" aria-labelledby="applications-heading">
                                <h2 id="applications-heading">{t(Msg::PortalApplications)}</h2>
                                <Applications items=home.applications />
                            </section>
                            <Invitations items=home.invitations />
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}

#[component]
fn Applications(items: Vec<ApplicationSummary>) -> impl IntoView {
    if items.is_empty() {
        return view! { <p>{t(Msg::PortalNoApplications)}</p> }.into_any();
    }
    view! {
        <ul class="application-list">
            {items
                .into_iter()
                .map(|item| {
                    let status = item.status.label();
                    view! {
                        <li class="application">
                            <span class="application-title">{item.job_title.clone()}</span>
                            <span class="badge">{t(status)}</span>
                            <span class="muted">{t(Msg::ColAppliedAt)}": "{format_date(item.applied_at)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Invitations(items: Vec<Invitation>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="invitations-heading">
                <h2 id="invitations-heading">{t(Msg::InvitationsHeading)}</h2>
                <ul class="application-list">
                    {items
                        .into_iter()
                        .map(|i| {
                            view! {
                                <li class="application">
                                    <span class="application-title">{i.job_title.clone()}</span>
                                    <span class="badge">{t(invitation_status_label(i.status))}</span>
                                    <a href=format!("/portal/invitations/{}", i.id)>{t(Msg::ViewInvitation)}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
