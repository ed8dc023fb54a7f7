use crate::api::dashboard::load_dashboard;
use crate::components::i18n::t;
use crate::components::stat::Stat;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::DashboardTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_dashboard()).await, "/admin/sign-in", |stats| {
                        view! {
                            <h1>{t(Msg::DashboardTitle)}</h1>
                            <nav aria-label=t(Msg::NavAdmin) class="sub-nav">
                                <a href="/admin/candidates">{t(Msg::NavCandidates)}</a>
                                <a href="/admin/analytics">{t(Msg::NavAnalytics)}</a>
                                <a href="/admin/segments">{t(Msg::NavSegments)}</a>
                                <a href="/admin/campaigns">{t(Msg::NavCampaigns)}</a>
                                <a href="/admin/automations">{t(Msg::NavAutomations)}</a>
                                <a href="/admin/jobs">{t(Msg::NavJobs)}</a>
                                <a href="/admin/import">{t(Msg::NavImport)}</a>
                                <a href="/admin/events">{t(Msg::NavEvents)}</a>
                                <a href="/admin/mailbox">{t(Msg::NavMailbox)}</a>
                                <a href="/admin/policies">{t(Msg::NavPolicies)}</a>
                                <a href="/admin/relay">{t(Msg::NavRelay)}</a>
                                <a href="/admin/templates">{t(Msg::NavTemplates)}</a>
                                <a href="/admin/users">{t(Msg::NavUsers)}</a>
                                <a href="/admin/reasons">{t(Msg::NavReasons)}</a>
                                <a href="/admin/audit">{t(Msg::NavAudit)}</a>
                            </nav>
                            <dl class="stats">
                                <Stat label=Msg::StatCandidates value=stats.candidates.to_string() />
                                <Stat label=Msg::StatOpenJobs value=stats.open_jobs.to_string() />
                                <Stat label=Msg::StatApplications value=stats.applications.to_string() />
                                <Stat label=Msg::StatMailQueued value=stats.mail_queued.to_string() />
                            </dl>
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}
