//! The relay in numbers (`/admin/relay`): rejection mails, opt-ins, referrals and each agency's credits.
use crate::api::relay::ledger::load_relay_overview;
use crate::components::i18n::t;
use crate::components::stat::Stat;
use crate::domain::{LedgerSummary, RelayOverview};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RelayOverviewPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::RelayAdminTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_relay_overview()).await, "/admin/sign-in", |o| view! { <Overview overview=o /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Overview(overview: RelayOverview) -> impl IntoView {
    let percent = overview.opt_in_percent();
    view! {
        <h1>{t(Msg::RelayAdminTitle)}</h1>
        <dl class="stats">
            <Stat label=Msg::StatRejectionMails value=overview.rejection_mails.to_string() />
            <Stat label=Msg::StatOptInRate value=format!("{percent}% ({}/{})", overview.opted_in, overview.rejected_candidates) />
            <Stat label=Msg::StatReferralsThisMonth value=overview.referrals_this_month.to_string() />
            <Stat label=Msg::StatCreditsEarned value=overview.credits_earned.to_string() />
            <Stat label=Msg::StatCreditsLeft value=overview.credits_left.to_string() />
            <Stat label=Msg::StatRegistered value=overview.registered.to_string() />
            <Stat label=Msg::StatPlaced value=overview.placed.to_string() />
        </dl>
        <section class="card" aria-labelledby="company-url">
            <h2 id="company-url">{t(Msg::CompanyUrlHeading)}</h2>
            <p>{t(Msg::CompanyUrlHint)}</p>
            <div class="field">
                <label for="relay-url">{t(Msg::CompanyUrlLabel)}</label>
                <input id="relay-url" type="url" readonly value=overview.company_url />
            </div>
        </section>
        <section class="card" aria-labelledby="agencies-heading">
            <h2 id="agencies-heading">{t(Msg::AgenciesHeading)}</h2>
            <p><a class="button" href="/admin/relay/agencies/new">{t(Msg::NewAgency)}</a></p>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::AgencyNameLabel)}</th>
                            <th scope="col">{t(Msg::ColReferrals)}</th>
                            <th scope="col">{t(Msg::ColCreditsEarned)}</th>
                            <th scope="col">{t(Msg::ColCreditsRedeemed)}</th>
                            <th scope="col">{t(Msg::ColBalance)}</th>
                            <th scope="col">{t(Msg::StatRegistered)}</th>
                            <th scope="col">{t(Msg::StatPlaced)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {overview.agencies.into_iter().map(|a| view! { <AgencyRow ledger=a /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn AgencyRow(ledger: LedgerSummary) -> impl IntoView {
    let balance = ledger.balance();
    view! {
        <tr>
            <td>
                <a href=format!("/admin/relay/agencies/{}", ledger.agency_id)>{ledger.agency_name}</a>
                {(!ledger.active).then(|| view! { " " <span class="badge">{t(Msg::Inactive)}</span> })}
            </td>
            <td>{ledger.referrals}</td>
            <td>{ledger.earned}</td>
            <td>{ledger.redeemed}</td>
            <td>{balance}</td>
            <td>{ledger.registered}</td>
            <td>{ledger.placed}</td>
        </tr>
    }
}
