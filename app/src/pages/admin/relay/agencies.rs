//! A partner agency as admins manage it (`/admin/relay/agencies/new`, `/admin/relay/agencies/:id`): its
//! details, its users and its credit ledger.
use crate::api::relay::agencies::{load_agency, InviteAgencyUser, RemoveAgencyUser, SaveAgency};
use crate::api::relay::ledger::RedeemCredit;
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::stat::Stat;
use crate::domain::{Agency, AgencyPage, DataItem, LedgerKind, LedgerSummary};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewAgencyPage() -> impl IntoView {
    let error = use_form_error();
    let blank = Agency {
        id: String::new(),
        name: String::new(),
        address: String::new(),
        representative: String::new(),
        contact_email: String::new(),
        items: Vec::new(),
        referrals_per_credit: crate::domain::DEFAULT_REFERRALS_PER_CREDIT,
        active: true,
    };
    view! {
        <Title text=t(Msg::NewAgency) />
        <h1>{t(Msg::NewAgency)}</h1>
        <p><a href="/admin/relay">{t(Msg::RelayAdminTitle)}</a></p>
        <AgencyForm agency=blank error=error />
    }
}

#[component]
pub fn AgencyAdminPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let error = use_form_error();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_agency(id.clone())).await, "/admin/sign-in", |page| view! { <AgencyAdmin page=page error=error /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn AgencyAdmin(page: AgencyPage, error: Option<Msg>) -> impl IntoView {
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        if q.get("saved").is_some() {
            Some(Msg::Saved)
        } else if q.get("invited").is_some() {
            Some(Msg::AgencyUserInvited)
        } else if q.get("removed").is_some() {
            Some(Msg::AgencyUserRemoved)
        } else if q.get("redeemed").is_some() {
            Some(Msg::CreditRedeemed)
        } else {
            None
        }
    });
    let AgencyPage { agency, users, ledger, history } = page;
    let agency_id = agency.id.clone();
    let name = agency.name.clone();
    view! {
        <Title text=name.clone() />
        <h1>{name}</h1>
        <p><a href="/admin/relay">{t(Msg::RelayAdminTitle)}</a></p>
        {notice.map(|msg| view! { <div class="alert alert-ok" role="status">{t(msg)}</div> })}
        <AgencyForm agency=agency error=error />
        <Users agency_id=agency_id.clone() users=users />
        <Ledger agency_id=agency_id ledger=ledger history=history />
    }
}

#[component]
fn AgencyForm(agency: Agency, error: Option<Msg>) -> impl IntoView {
    let kept = |name: &str, stored: &str| {
        let kept = use_kept_value(name);
        if error.is_some() {
            kept
        } else {
            stored.to_owned()
        }
    };
    let name = kept("name", &agency.name);
    let address = kept("address", &agency.address);
    let representative = kept("representative", &agency.representative);
    let contact_email = kept("contact_email", &agency.contact_email);
    let per_credit = kept("referrals_per_credit", &agency.referrals_per_credit.to_string());
    let text_field = |id: &'static str, label: Msg, value: String, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{t(label)}</label>
                <input id=id name=id type=kind value=value required maxlength="200" />
            </div>
        }
    };
    view! {
        <section class="card" aria-labelledby="agency-form">
            <h2 id="agency-form">{t(Msg::AgencyDetailsHeading)}</h2>
            <FormAlert error=error />
            <form method="post" action=SaveAgency::url()>
                <input type="hidden" name="id" value=agency.id.clone() />
                {text_field("name", Msg::AgencyNameLabel, name, "text")}
                {text_field("address", Msg::AgencyAddressLabel, address, "text")}
                {text_field("representative", Msg::AgencyRepresentativeLabel, representative, "text")}
                {text_field("contact_email", Msg::AgencyContactLabel, contact_email, "email")}
                <fieldset class="field">
                    <legend>{t(Msg::AgencyItemsLabel)}</legend>
                    <p class="muted">{t(Msg::AgencyItemsHint)}</p>
                    <div class="choices">
                        {DataItem::ALL.iter().enumerate().map(|(i, item)| {
                            let id = format!("item-{}", item.as_str());
                            view! {
                                <label class="choice" for=id.clone()>
                                    <input type="checkbox" id=id.clone() name=format!("items[{i}]") value=item.as_str() checked=agency.items.contains(item) />
                                    <span>{t(item.label())}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="referrals_per_credit">{t(Msg::PerCreditLabel)}</label>
                    <input id="referrals_per_credit" name="referrals_per_credit" type="number" min="1" max="1000" inputmode="numeric" value=per_credit />
                </div>
                <label class="choice">
                    <input type="checkbox" name="active" value="yes" checked=agency.active />
                    <span>{t(Msg::AgencyActiveLabel)}</span>
                </label>
                <p><button type="submit" class="button">{t(Msg::SaveButton)}</button></p>
            </form>
        </section>
    }
}

#[component]
fn Users(agency_id: String, users: Vec<crate::domain::AgencyUser>) -> impl IntoView {
    let email = use_kept_value("user_email");
    let display_name = use_kept_value("display_name");
    view! {
        <section class="card" aria-labelledby="users-heading">
            <h2 id="users-heading">{t(Msg::AgencyUsersHeading)}</h2>
            <ul class="application-list">
                {users.into_iter().map(|u| {
                    let agency_id = agency_id.clone();
                    view! {
                        <li class="application">
                            <span class="application-title">{u.display_name}</span>
                            <span class="muted">{u.email}</span>
                            {u.pending.then(|| view! { <span class="badge">{t(Msg::InvitationPending)}</span> })}
                            <form method="post" action=RemoveAgencyUser::url() class="inline-form">
                                <input type="hidden" name="agency_id" value=agency_id />
                                <input type="hidden" name="user_id" value=u.id />
                                <button type="submit" class="button-link">{t(Msg::RemoveAccess)}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form method="post" action=InviteAgencyUser::url()>
                <input type="hidden" name="agency_id" value=agency_id.clone() />
                <div class="field">
                    <label for="user-email">{t(Msg::EmailLabel)}</label>
                    <input id="user-email" name="email" type="email" required value=email />
                </div>
                <div class="field">
                    <label for="display-name">{t(Msg::DisplayNameLabel)}</label>
                    <input id="display-name" name="display_name" type="text" required maxlength="200" value=display_name />
                </div>
                <button type="submit" class="button button-secondary">{t(Msg::InviteAgencyUser)}</button>
            </form>
        </section>
    }
}

#[component]
fn Ledger(agency_id: String, ledger: LedgerSummary, history: Vec<crate::domain::LedgerEntry>) -> impl IntoView {
    let hire = use_kept_value("hire_reference");
    let redeemed_on = use_kept_value("redeemed_on");
    let note = use_kept_value("note");
    let balance = ledger.balance();
    let to_next = ledger.to_next();
    view! {
        <section class="card" id="ledger" aria-labelledby="ledger-heading">
            <h2 id="ledger-heading">{t(Msg::LedgerHeading)}</h2>
            <dl class="stats">
                <Stat label=Msg::ColReferrals value=ledger.referrals.to_string() />
                <Stat label=Msg::PerCreditLabel value=ledger.referrals_per_credit.to_string() />
                <Stat label=Msg::ColCreditsEarned value=ledger.earned.to_string() />
                <Stat label=Msg::ColCreditsRedeemed value=ledger.redeemed.to_string() />
                <Stat label=Msg::ColBalance value=balance.to_string() />
            </dl>
            <p class="muted">{t(Msg::ToNextCredit)}": "{to_next}</p>
            <p><a href=format!("/admin/relay/agencies/{agency_id}/ledger.csv") download="ledger.csv">{t(Msg::DownloadCsv)}</a></p>
            <h3>{t(Msg::RedeemHeading)}</h3>
            <form method="post" action=RedeemCredit::url()>
                <input type="hidden" name="agency_id" value=agency_id.clone() />
                <div class="field">
                    <label for="hire_reference">{t(Msg::HireReferenceLabel)}</label>
                    <input id="hire_reference" name="hire_reference" type="text" required maxlength="200" value=hire />
                </div>
                <div class="field">
                    <label for="redeemed_on">{t(Msg::RedeemedOnLabel)}</label>
                    <input id="redeemed_on" name="redeemed_on" type="date" value=redeemed_on />
                </div>
                <div class="field">
                    <label for="redeem-note">{t(Msg::NoteLabel)}</label>
                    <input id="redeem-note" name="note" type="text" maxlength="1000" value=note />
                </div>
                <button type="submit" class="button button-secondary" disabled=balance <= 0>{t(Msg::RedeemButton)}</button>
            </form>
            <h3>{t(Msg::HistoryTitle)}</h3>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::ColWhen)}</th>
                            <th scope="col">{t(Msg::ColKind)}</th>
                            <th scope="col">{t(Msg::ColReference)}</th>
                            <th scope="col">{t(Msg::NoteLabel)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {history.into_iter().map(|e| {
                            let kind = match (e.kind, e.counted) {
                                (LedgerKind::Referral, true) => Msg::LedgerReferral,
                                (LedgerKind::Referral, false) => Msg::LedgerReferralRepeat,
                                (LedgerKind::Redemption, _) => Msg::LedgerRedemption,
                            };
                            view! {
                                <tr>
                                    <td>{format_date(e.at)}</td>
                                    <td>{t(kind)}</td>
                                    <td>{e.reference}</td>
                                    <td>{e.note}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
