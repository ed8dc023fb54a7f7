//! What the company holds about the person, on their page: consents, mail, referrals and the audit trail.
use crate::components::i18n::{format_date, t};
use crate::i18n::Msg;
use leptos::prelude::*;

#[component]
pub(super) fn ConsentSummary(overview: crate::domain::ConsentOverview) -> impl IntoView {
    use crate::components::labels::purpose_title;
    use crate::domain::ConsentAction;
    view! {
        <section class="card" id="consents" aria-labelledby="consents-heading">
            <h2 id="consents-heading">{t(Msg::NavConsent)}</h2>
            <ul class="application-list">
                {overview.cards.into_iter().map(|card| {
                    let title = match &card.agency_name {
                        Some(agency) => format!("{}: {agency}", t(purpose_title(card.purpose))),
                        None => t(purpose_title(card.purpose)).to_owned(),
                    };
                    let state = match card.state {
                        Some(ConsentAction::Granted) => Msg::StateGranted,
                        Some(ConsentAction::Withdrawn) => Msg::StateWithdrawn,
                        None => Msg::StateNone,
                    };
                    view! {
                        <li class="application">
                            <span class="application-title">{title}</span>
                            <span class=if card.state == Some(ConsentAction::Granted) { "badge badge-ok" } else { "badge" }>{t(state)}</span>
                            {card.since.map(|at| view! { <span class="muted">{format_date(at)}</span> })}
                            {card.accepted_version.map(|v| view! { <span class="muted">"v"{v}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <details class="policy">
                <summary>{t(Msg::HistoryTitle)}</summary>
                <ol class="history">
                    {overview.history.into_iter().map(|e| view! {
                        <li>
                            {crate::components::i18n::format_datetime(e.at)}" · "{t(purpose_title(e.purpose))}
                            {e.agency_name.map(|a| format!(" ({a})"))}" · "
                            {t(if e.action == ConsentAction::Granted { Msg::ActionGranted } else { Msg::ActionWithdrawn })}
                            " · v"{e.version}
                        </li>
                    }).collect_view()}
                </ol>
            </details>
        </section>
    }
}

#[component]
pub(super) fn Mails(mails: Vec<crate::domain::MailSummary>) -> impl IntoView {
    view! {
        <section class="card" id="mails" aria-labelledby="mails-heading">
            <h2 id="mails-heading">{t(Msg::MailsSentTitle)}</h2>
            {mails.is_empty().then(|| view! { <p>{t(Msg::NoMails)}</p> })}
            <ul class="application-list">
                {mails.into_iter().map(|m| view! {
                    <li class="application">
                        <span class="application-title">{m.subject}</span>
                        <span class="badge">{m.status.as_str()}</span>
                        <span class="muted">{m.kind}" · "{crate::components::i18n::format_datetime(m.created_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub(super) fn Referrals(provisions: Vec<crate::domain::Provision>) -> impl IntoView {
    view! {
        <section class="card" id="referrals" aria-labelledby="referrals-heading">
            <h2 id="referrals-heading">{t(Msg::ProvisionsHeading)}</h2>
            {provisions.is_empty().then(|| view! { <p>{t(Msg::NoReferrals)}</p> })}
            <ul class="application-list">
                {provisions.into_iter().map(|p| view! {
                    <li class="application">
                        <span class="application-title">{p.agency_name}</span>
                        <span class="badge">{match p.withdrawn_at { Some(_) => t(Msg::StateWithdrawn), None => t(p.status.label()) }}</span>
                        <span class="muted">{p.reference}" · "{format_date(p.provided_at)}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub(super) fn AuditTrail(entries: Vec<crate::domain::AuditEntry>) -> impl IntoView {
    view! {
        <section class="card" id="audit" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{t(Msg::AuditTitle)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColWhen)}</th>
                            <th scope="col">{t(Msg::ColActor)}</th>
                            <th scope="col">{t(Msg::ColAction)}</th>
                            <th scope="col">{t(Msg::ColDetail)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {entries.into_iter().map(|e| view! {
                            <tr>
                                <td>{crate::components::i18n::format_datetime(e.at)}</td>
                                <td>{e.actor.unwrap_or(e.actor_kind)}</td>
                                <td>{e.action}</td>
                                <td>{e.detail}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
