use crate::api::profile::{load_profile, load_resumes};
use crate::components::i18n::format_datetime;
use crate::components::i18n::t;
use crate::components::portal_nav::PortalNav;
use crate::components::profile_form::{kept, ProfileForm};
use crate::domain::StoredResume;
use crate::i18n::Msg;
use leptos::prelude::*;
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
                crate::components::errors::page_or(profile, "/portal/sign-in", |stored| {
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
