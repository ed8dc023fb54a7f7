//! A campaign's report: per step, everyone it reached, those not sent to and why, sent, failed, clicked,
//! unsubscribed, and applied within 30 days.
use crate::components::i18n::t;
use crate::domain::campaigns::CampaignReport;
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub fn ReportView(report: CampaignReport) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="campaign-report">
            <h2 id="campaign-report">{t(Msg::ReportHeading)}</h2>
            <dl class="facts">
                <dt>{t(Msg::ReportEnrolled)}</dt><dd class="report-enrolled">{report.enrolled}</dd>
                <dt>{t(Msg::ReportWaiting)}</dt><dd>{report.waiting}</dd>
                <dt>{t(Msg::ReportAppliedTotal)}</dt><dd>{report.applied}</dd>
            </dl>
            <div class="table-scroll">
                <table class="campaign-report">
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColStep)}</th>
                            <th scope="col" class="num">{t(Msg::ColEligible)}</th>
                            <th scope="col">{t(Msg::ColSkipped)}</th>
                            <th scope="col" class="num">{t(Msg::ColSent)}</th>
                            <th scope="col" class="num">{t(Msg::ColFailed)}</th>
                            <th scope="col" class="num">{t(Msg::ColClicked)}</th>
                            <th scope="col" class="num">{t(Msg::ColUnsubscribed)}</th>
                            <th scope="col" class="num">{t(Msg::ColApplied30)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {report.steps.into_iter().map(|s| {
                            let skipped = s.skipped.iter().map(|(reason, n)| format!("{} {n}", t(reason.label()))).collect::<Vec<_>>().join("、");
                            view! {
                                <tr>
                                    <th scope="row">{s.position + 1}</th>
                                    <td class="num">{s.eligible}</td>
                                    <td>{skipped}</td>
                                    <td class="num">{s.sent}</td>
                                    <td class="num">{s.failed}</td>
                                    <td class="num">{s.clicked}</td>
                                    <td class="num">{s.unsubscribed}</td>
                                    <td class="num">{s.applied}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
