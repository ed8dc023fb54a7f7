use crate::api::mydata::{load_my_data, EraseMe, ExportMyData};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::portal_nav::PortalNav;
use crate::domain::{MyData, Provision};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn MyDataPage() -> impl IntoView {
    let error = use_form_error();
    view! {
        <Title text=t(Msg::MyDataTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_my_data()).await, "/portal/sign-in", |data| view! {
                        <PortalNav current="/portal/data" />
                        <h1>{t(Msg::MyDataTitle)}</h1>
                        <p class="lead">{t(Msg::MyDataIntro)}</p>
                        <FormAlert error=error />
                        <Profile data=data.clone() />
                        <Provisions items=data.provisions />
                        <Erase />
                    }
                    .into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Profile(data: MyData) -> impl IntoView {
    let kana = match (data.family_name_kana, data.given_name_kana) {
        (Some(f), Some(g)) => format!("{f} {g}"),
        _ => String::new(),
    };
    let row = |label: Msg, value: String| view! { <dt>{t(label)}</dt><dd>{if value.is_empty() { "—".to_owned() } else { value }}</dd> };
    view! {
        <section class="card" aria-labelledby="profile-heading">
            <h2 id="profile-heading">{t(Msg::ProfileHeading)}</h2>
            <dl class="facts">
                {row(Msg::NameLabel, format!("{} {}", data.family_name, data.given_name))}
                {row(Msg::KanaLabel, kana)}
                {row(Msg::EmailLabel, data.email)}
                {row(Msg::PhoneLabel, data.phone.unwrap_or_default())}
                {row(Msg::LocationLabel, data.location.unwrap_or_default())}
                {row(Msg::SkillsLabel, data.skills.join(", "))}
            </dl>
            <h3>{t(Msg::HoldingsHeading)}</h3>
            <div class="table-scroll">
                <table>
                    <thead><tr><th scope="col">{t(Msg::ColTable)}</th><th scope="col">{t(Msg::ColCount)}</th></tr></thead>
                    <tbody>
                        {data.holdings.into_iter().map(|(what, n)| view! { <tr><td>{t(what)}</td><td>{n}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <p><a class="button button-secondary" href=ExportMyData::url() download="kizuna-my-data.json">{t(Msg::DownloadJson)}</a></p>
            <p class="hint">{t(Msg::ExportWithheldNote)}</p>
        </section>
    }
}

#[component]
fn Provisions(items: Vec<Provision>) -> impl IntoView {
    use crate::api::consent::SetConsent;
    use leptos::server_fn::ServerFn;
    let empty = items.is_empty();
    view! {
        <section class="card" aria-labelledby="provisions-heading">
            <h2 id="provisions-heading">{t(Msg::ProvisionsHeading)}</h2>
            {empty.then(|| view! { <p>{t(Msg::ProvisionsEmpty)}</p> })}
            {(!empty).then(|| view! {
                <div class="table-scroll">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t(Msg::ColRecipient)}</th>
                                <th scope="col">{t(Msg::ColItems)}</th>
                                <th scope="col">{t(Msg::ColProvidedAt)}</th>
                                <th scope="col">{t(Msg::ColConsentAt)}</th>
                                <th scope="col">{t(Msg::ColReferralState)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {items.into_iter().map(|p| {
                                let items = p.items.iter().map(|i| t(i.label())).collect::<Vec<_>>().join("、");
                                let withdraw_label = format!("{}: {}", t(Msg::WithdrawButton), p.agency_name);
                                view! {
                                    <tr>
                                        <td>
                                            {p.agency_name.clone()}<br />
                                            <span class="muted">{p.agency_address}" · "{p.agency_representative}</span><br />
                                            <span class="muted">{p.reference}</span>
                                        </td>
                                        <td>{items}</td>
                                        <td>{format_date(p.provided_at)}</td>
                                        <td>{format_date(p.consent_given_at)}</td>
                                        <td>
                                            {match p.withdrawn_at {
                                                Some(at) => view! { <span class="badge">{t(Msg::StateWithdrawn)}" "{format_date(at)}</span> }.into_any(),
                                                None => view! {
                                                    <span class="badge badge-ok">{t(p.status.label())}</span>
                                                    <form method="post" action=SetConsent::url()>
                                                        <input type="hidden" name="purpose" value="agency_referral" />
                                                        <input type="hidden" name="action" value="withdrawn" />
                                                        <input type="hidden" name="agency_id" value=p.agency_id />
                                                        <button type="submit" class="button-link" aria-label=withdraw_label>{t(Msg::WithdrawButton)}</button>
                                                    </form>
                                                }.into_any(),
                                            }}
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

#[component]
fn Erase() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="erase-heading">
            <h2 id="erase-heading">{t(Msg::EraseHeading)}</h2>
            <p>{t(Msg::EraseBody)}</p>
            <p class="alert alert-warn">{t(Msg::EraseKeeps)}</p>
            <p>{t(Msg::EraseFingerprintNote)}</p>
            <form method="post" action=EraseMe::url()>
                <label class="choice">
                    <input type="checkbox" name="confirm" value="yes" required />
                    <span>{t(Msg::EraseConfirmLabel)}</span>
                </label>
                <p><button type="submit" class="button button-danger">{t(Msg::EraseButton)}</button></p>
            </form>
        </section>
    }
}

#[component]
pub fn ErasedPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::ErasedTitle) />
        <section class="card narrow" role="status">
            <h1>{t(Msg::ErasedTitle)}</h1>
            <p>{t(Msg::ErasedBody)}</p>
            <a class="button" href="/">{t(Msg::BackHome)}</a>
        </section>
    }
}
