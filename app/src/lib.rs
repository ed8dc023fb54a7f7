//! Kizuna: pages, components, server functions and the shared domain types (one crate, two builds).
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod pages;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub use components::i18n::{t, use_lang};

/// The built stylesheet's address (hashed in release builds).
fn stylesheet() -> &'static str {
    #[cfg(feature = "ssr")]
    return backend::core::render::stylesheet();
    #[cfg(not(feature = "ssr"))]
    "/pkg/kizuna.css"
}

/// The HTML document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    backend::core::render::provide_request_context();
    let lang = use_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" id="leptos" href=stylesheet() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    use pages::*;
    view! {
        <Title formatter=|title: String| if title.is_empty() { "Kizuna".to_owned() } else { format!("{title} | Kizuna") } />
        <Router>
            <Layout>
                <Routes fallback=components::errors::NotFound>
                    <Route path=path!("/") view=home::HomePage ssr=SsrMode::Async />
                    <Route path=path!("/portal") view=portal::home::PortalHomePage ssr=SsrMode::Async />
                    <Route path=path!("/portal/consent") view=portal::consent::ConsentPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/invitations/:id") view=portal::invitation::InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/analytics") view=admin::analytics::AnalyticsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/candidates") view=admin::candidate_list::CandidatesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/candidates/new") view=admin::new_candidate::NewCandidatePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/candidates/:id/merge/:other") view=admin::merge::MergePage ssr=SsrMode::Async />
                    <Route path=path!("/admin/candidates/:id") view=admin::candidates::CandidatePage ssr=SsrMode::Async />
                    <Route path=path!("/portal/profile") view=portal::profile::ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("/portal/data") view=portal::mydata::MyDataPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/erased") view=portal::mydata::ErasedPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/preferences") view=portal::preferences::PreferencesPage ssr=SsrMode::Async />
                    <Route path=path!("/unsubscribe/done") view=unsubscribe::UnsubscribedPage ssr=SsrMode::Async />
                    <Route path=path!("/unsubscribe/:token") view=unsubscribe::UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-in") view=auth::portal_sign_in::PortalSignInPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-in/sent") view=auth::portal_sign_in::LinkSentPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-in/link/:token") view=auth::confirm_link::ConfirmLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-in/problem") view=auth::confirm_link::LinkProblemPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-up") view=auth::portal_sign_up::SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-up/sent") view=auth::portal_sign_up::SignUpSentPage ssr=SsrMode::Async />
                    <Route path=path!("/portal/sign-up/confirm/:token") view=auth::portal_sign_up::SignUpConfirmPage ssr=SsrMode::Async />
                    <Route path=path!("/admin") view=admin::dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/sign-in") view=auth::admin_sign_in::AdminSignInPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/mailbox") view=admin::mailbox::MailboxPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/policies") view=admin::policies::PoliciesPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/relay") view=admin::relay::ledger::RelayOverviewPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/relay/agencies/new") view=admin::relay::agencies::NewAgencyPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/relay/agencies/:id") view=admin::relay::agencies::AgencyAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/events") view=admin::events::EventsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/events/:id") view=admin::events::EventAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/import") view=admin::import::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/import/:id") view=admin::import::ImportMappingPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/audit") view=admin::audit::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/jobs") view=admin::jobs::JobsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/jobs/new") view=admin::jobs::NewJobPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/jobs/:id") view=admin::jobs::JobAdminPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/campaigns") view=admin::campaigns::CampaignsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/campaigns/:id") view=admin::campaigns::detail::CampaignPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/automations") view=admin::automations::AutomationsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/segments") view=admin::segments::SegmentsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/segments/:id") view=admin::segments::builder::SegmentPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/reasons") view=admin::reasons::ReasonsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/users") view=admin::users::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/set-password/:token") view=admin::users::StaffSetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/templates") view=admin::templates::TemplatesPage ssr=SsrMode::Async />
                    <Route path=path!("/relay") view=relay::RelayPage ssr=SsrMode::Async />
                    <Route path=path!("/relay/done") view=relay::RelayDonePage ssr=SsrMode::Async />
                    <Route path=path!("/relay/problem") view=relay::RelayProblemPage ssr=SsrMode::Async />
                    <Route path=path!("/relay/:token") view=relay::RelayLinkPage ssr=SsrMode::Async />
                    <Route path=path!("/agency") view=agency::AgencyHomePage ssr=SsrMode::Async />
                    <Route path=path!("/agency/sign-in") view=agency::AgencySignInPage ssr=SsrMode::Async />
                    <Route path=path!("/agency/set-password/:token") view=agency::AgencySetPasswordPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
