//! Adding a candidate by hand: the portal's rules, then duplicate detection before anything is written.
use crate::api::new_candidate::{new_candidate_matches, CreateCandidate};
use crate::components::forms::{use_form_error, use_kept_value, Field, FormAlert};
use crate::components::i18n::t;
use crate::components::labels::source_label;
use crate::domain::{DuplicateMatch, NewCandidate, Profile, SourceChannel};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn NewCandidatePage() -> impl IntoView {
    let error = use_form_error();
    // after a held-back add, the records it matched (looked up again from the kept values)
    let check = matches!(error, Some(Msg::ErrPossibleDuplicates | Msg::ErrCandidateExists));
    let probe = NewCandidate {
        email: use_kept_value("email"),
        birth_date: use_kept_value("birth_date"),
        profile: Profile {
            family_name: use_kept_value("family_name"),
            given_name: use_kept_value("given_name"),
            family_name_kana: use_kept_value("family_name_kana"),
            given_name_kana: use_kept_value("given_name_kana"),
            phone: use_kept_value("phone"),
            ..Default::default()
        },
        ..Default::default()
    };
    view! {
        <Title text=t(Msg::NewCandidateTitle) />
        <h1>{t(Msg::NewCandidateTitle)}</h1>
        <p>{t(Msg::NewCandidateIntro)}</p>
        <FormAlert error=error />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let matches = if check {
                    crate::components::loading::run(new_candidate_matches(probe.clone())).await
                } else {
                    Ok(Vec::new())
                };
                crate::components::errors::page_or(matches, "/admin/sign-in", |matches| view! { <NewCandidateForm matches=matches /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn NewCandidateForm(matches: Vec<DuplicateMatch>) -> impl IntoView {
    let value = |name: &str| use_kept_value(name);
    let chosen = SourceChannel::parse(&value("source_channel")).unwrap_or(SourceChannel::Sourcing);
    let same_email = matches.iter().any(|m| m.reason == crate::domain::DuplicateReason::Email);
    let confirmable = !matches.is_empty() && !same_email;
    view! {
        {(!matches.is_empty()).then(|| view! {
            <section class="card alert-warn" id="duplicates" aria-labelledby="duplicates-heading">
                <h2 id="duplicates-heading">{t(Msg::PossibleDuplicatesTitle)}</h2>
                <ul class="application-list">
                    {matches.iter().map(|d| view! {
                        <li class="application">
                            <a class="application-title" href=format!("/admin/candidates/{}", d.id)>{d.name.clone()}</a>
                            <span class="muted">{d.email.clone()}" · "{t(d.reason.label())}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <form method="post" action=CreateCandidate::url() class="card" novalidate>
            <Field name="email" label=Msg::EmailLabel value=value("email") kind="email" />
            <div class="field-row">
                <Field name="family_name" label=Msg::FamilyNameLabel value=value("family_name") />
                <Field name="given_name" label=Msg::GivenNameLabel value=value("given_name") />
            </div>
            <div class="field-row">
                <Field name="family_name_kana" label=Msg::FamilyKanaLabel value=value("family_name_kana") />
                <Field name="given_name_kana" label=Msg::GivenKanaLabel value=value("given_name_kana") />
            </div>
            <Field name="phone" label=Msg::PhoneLabel value=value("phone") kind="tel" />
            <Field name="birth_date" label=Msg::BirthDateLabel value=value("birth_date") kind="date" />
            <Field name="location" label=Msg::LocationLabel value=value("location") />
            <Field name="skills" label=Msg::SkillsLabel value=value("skills") hint=Msg::ListHint />
            <Field name="desired_roles" label=Msg::DesiredRolesLabel value=value("desired_roles") hint=Msg::ListHint />
            <div class="field">
                <label for="source_channel">{t(Msg::SourceLabel)}</label>
                <select id="source_channel" name="source_channel">
                    {SourceChannel::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=*s == chosen>{t(source_label(*s))}</option>
                    }).collect_view()}
                </select>
            </div>
            <Field name="tags" label=Msg::TagLabel value=value("tags") hint=Msg::ListHint />
            {confirmable.then(|| view! {
                <label class="choice" for="confirm">
                    <input id="confirm" name="confirm" type="checkbox" value="yes" />
                    <span>{t(Msg::ConfirmNotDuplicate)}</span>
                </label>
            })}
            <button type="submit" class="button">{t(Msg::NewCandidateButton)}</button>
        </form>
    }
}
