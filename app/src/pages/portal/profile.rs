use crate::api::profile::{load_profile, load_resumes, SaveProfile};
use crate::components::forms::Field;
use crate::components::i18n::format_datetime;
use crate::components::i18n::t;
use crate::domain::Profile;
use crate::domain::StoredResume;
use crate::i18n::Msg;
use crate::pages::portal::nav::PortalNav;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let query = use_query_map();
    let failed = query.with_untracked(|q| q.get("error").is_some());
    let saved = query.with_untracked(|q| q.get("saved").is_some());
    view! {
        <Title text=t(Msg::ProfileTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let profile = crate::components::loading::run(load_profile()).await;
                let resumes = crate::components::loading::run(load_resumes()).await.unwrap_or_default();
                crate::pages::page_or(profile, "/portal/sign-in", |stored| {
                        // after a failed post, show what was typed, not what is stored: nothing is lost
                        let shown = if failed { kept(&stored) } else { stored };
                        view! {
                            <PortalNav current="/portal/profile" />
                            <h1>{t(Msg::ProfileTitle)}</h1>
                            <p class="lead">{t(Msg::ProfileIntro)}</p>
                            {failed.then(|| view! { <div class="alert alert-error" role="alert">{t(Msg::FieldErrorsSummary)}</div> })}
                            {saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::ProfileSaved)}</div> })}
                            <ProfileForm profile=shown />
                            <Resumes items=resumes />
                        }
                            .into_any()
                    })
            })}
        </Suspense>
    }
}

pub fn kept(stored: &Profile) -> Profile {
    if !crate::components::forms::has_kept_values() {
        return stored.clone();
    }
    let value = crate::components::forms::use_kept_value;
    Profile {
        email: stored.email.clone(),
        family_name: value("family_name"),
        given_name: value("given_name"),
        family_name_kana: value("family_name_kana"),
        given_name_kana: value("given_name_kana"),
        phone: value("phone"),
        location: value("location"),
        skills: value("skills"),
        desired_roles: value("desired_roles"),
        desired_locations: value("desired_locations"),
    }
}

/// The profile fields; also the recruiter's form on the candidate page (`action` and a hidden `candidate_id`).
#[component]
pub fn ProfileForm(
    profile: Profile,
    #[prop(default = SaveProfile::url())] action: &'static str,
    #[prop(optional)] candidate_id: Option<String>,
) -> impl IntoView {
    view! {
        <section class="card">
            <div class="field">
                <label for="email-readonly">{t(Msg::EmailLabel)}</label>
                <input id="email-readonly" type="email" value=profile.email readonly aria-describedby="email-hint" />
                <p class="muted" id="email-hint">{t(Msg::EmailReadOnlyHint)}</p>
            </div>
            <form method="post" action=action novalidate>
                {candidate_id.map(|id| view! { <input type="hidden" name="candidate_id" value=id /> })}
                <div class="field-row">
                    <Field name="family_name" label=Msg::FamilyNameLabel value=profile.family_name />
                    <Field name="given_name" label=Msg::GivenNameLabel value=profile.given_name />
                </div>
                <div class="field-row">
                    <Field name="family_name_kana" label=Msg::FamilyKanaLabel value=profile.family_name_kana />
                    <Field name="given_name_kana" label=Msg::GivenKanaLabel value=profile.given_name_kana />
                </div>
                <Field name="phone" label=Msg::PhoneLabel value=profile.phone kind="tel" />
                <Field name="location" label=Msg::LocationLabel value=profile.location />
                <Field name="skills" label=Msg::SkillsLabel value=profile.skills hint=Msg::ListHint />
                <Field name="desired_roles" label=Msg::DesiredRolesLabel value=profile.desired_roles hint=Msg::ListHint />
                <Field name="desired_locations" label=Msg::DesiredLocationsLabel value=profile.desired_locations hint=Msg::ListHint />
                <button type="submit" class="button">{t(Msg::SaveProfile)}</button>
            </form>
        </section>
    }
}

#[component]
fn Resumes(items: Vec<StoredResume>) -> impl IntoView {
    let query = use_query_map();
    let uploaded = query.with_untracked(|q| q.get("resume").is_some());
    let error = query.with_untracked(|q| q.get("resume_error")).and_then(|c| Msg::from_code(&c));
    let empty = items.is_empty();
    view! {
        <section class="card" aria-labelledby="resume-heading" id="resume">
            <h2 id="resume-heading">{t(Msg::ResumeHeading)}</h2>
            {uploaded.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::ResumeUploaded)}</div> })}
            {error.map(|m| view! { <div class="alert alert-error" role="alert" id="resume-error">{t(m)}</div> })}
            {empty.then(|| view! { <p>{t(Msg::ResumeNone)}</p> })}
            <ul class="resume-list">
                {items
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li>
                                <a href=format!("/portal/resume/{}", r.id)>{r.file_name}</a>
                                <span class="muted">{format!(" {:.1} KB · ", r.size as f64 / 1024.0)}{format_datetime(r.uploaded_at)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <form method="post" action="/portal/resume" enctype="multipart/form-data">
                <div class="field">
                    <label for="resume-file">{t(Msg::ResumeLabel)}</label>
                    <input
                        id="resume-file"
                        type="file"
                        name="resume"
                        accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        required
                        aria-describedby="resume-hint"
                        aria-invalid=error.map(|_| "true")
                    />
                    <p class="muted" id="resume-hint">{t(Msg::ResumeHint)}</p>
                </div>
                <button type="submit" class="button button-secondary">{t(Msg::UploadButton)}</button>
            </form>
        </section>
    }
}
