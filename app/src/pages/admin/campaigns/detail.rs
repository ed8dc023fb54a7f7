//! One campaign: its settings and steps while it is a draft (with a preview, a test send and the schedule that
//! asks for confirmation with the number of people it will mail), then its report.
use super::report::ReportView;
use super::steps::StepsView;
use super::{kind_label, name_in, SettingsFields};
use crate::api::campaigns::{
    load_campaign, CancelCampaign, DeleteCampaign, PreviewCampaign, SaveCampaign, ScheduleCampaign, TestCampaign,
};
use crate::components::forms::{
    has_kept_values, kept_value, use_field_error, use_form_error, use_kept_value, FormAlert,
};
use crate::components::i18n::{format_datetime, t};
use crate::components::labels::purpose_title;
use crate::domain::campaigns::{CampaignPage, CampaignStatus};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn CampaignPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let confirm = use_query_map().with_untracked(|q| q.get("confirm")).and_then(|c| c.parse::<i64>().ok());
    let preview = Some(use_kept_value("preview")).filter(|p| !p.is_empty());
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_campaign(id.clone(), confirm, preview.clone())).await, "/admin/sign-in", move |page| view! { <CampaignView page=page confirm=confirm /> }.into_any())
            })}
        </Suspense>
    }
}

fn notice() -> Option<Msg> {
    use_query_map().with_untracked(|q| {
        [
            ("saved", Msg::Saved),
            ("tested", Msg::TestSent),
            ("scheduled", Msg::CampaignScheduledNotice),
            ("cancelled", Msg::CampaignCancelledNotice),
        ]
        .into_iter()
        .find(|(key, _)| q.get(key).is_some())
        .map(|(_, msg)| msg)
    })
}

#[component]
fn CampaignView(page: CampaignPage, confirm: Option<i64>) -> impl IntoView {
    let error = use_form_error();
    let kept = has_kept_values();
    let c = page.campaign.clone();
    let draft = c.status == CampaignStatus::Draft;
    let edit = page.can_edit && draft;
    let running = page.can_edit && matches!(c.status, CampaignStatus::Scheduled | CampaignStatus::Running);
    let id = c.id.clone();
    let keep_or = |name: &str, stored: String| if kept { kept_value(name).unwrap_or_default() } else { stored };
    view! {
        <Title text=c.name.clone() />
        <h1>{c.name.clone()}</h1>
        <p><a href="/admin/campaigns">{t(Msg::CampaignsTitle)}</a></p>
        {notice().filter(|_| error.is_none()).map(|m| view! { <div class="alert alert-ok" role="status">{t(m)}</div> })}
        <FormAlert error=error />
        <dl class="facts card">
            <dt>{t(Msg::ColStatus)}</dt><dd><span class="badge">{t(c.status.label())}</span></dd>
            <dt>{t(Msg::CampaignKindLabel)}</dt><dd>{t(kind_label(c.kind))}</dd>
            <dt>{t(Msg::CampaignSegment)}</dt><dd><a href=format!("/admin/segments/{}", c.segment_id)>{name_in(&c.segment_name)}</a></dd>
            <dt>{t(Msg::CampaignPurpose)}</dt><dd>{t(purpose_title(c.purpose))}</dd>
            <dt>{t(Msg::CampaignStartsAt)}</dt><dd>{c.starts_at.map(format_datetime)}</dd>
        </dl>
        {(!draft).then(|| view! { <ReportView report=page.report.clone() /> })}
        {(page.can_edit && !draft).then(|| view! { <p class="muted">{t(Msg::CampaignLocked)}</p> })}
        {running.then(|| view! {
            <form method="post" action=CancelCampaign::url()>
                <input type="hidden" name="id" value=id.clone() />
                <button type="submit" class="button button-danger">{t(Msg::CancelCampaignButton)}</button>
            </form>
        })}
        {edit.then(|| view! {
            <section class="card" aria-labelledby="campaign-settings">
                <h2 id="campaign-settings">{t(Msg::CampaignSettings)}</h2>
                <form method="post" action=SaveCampaign::url()>
                    <input type="hidden" name="id" value=id.clone() />
                    <SettingsFields
                        segments=page.segments.clone()
                        name=keep_or("name", c.name.clone())
                        kind=keep_or("kind", c.kind.as_str().to_owned())
                        segment_id=keep_or("segment_id", c.segment_id.clone())
                        purpose=keep_or("purpose", c.purpose.as_str().to_owned())
                        exit_on_unmatch=if kept { kept_value("exit_on_unmatch").is_some_and(|v| v == "1") } else { c.exit_on_unmatch }
                    />
                    <button type="submit" class="button">{t(Msg::SaveCampaignButton)}</button>
                </form>
            </section>
        })}
        <StepsView id=id.clone() kind=c.kind steps=page.steps.clone() edit=edit />
        {edit.then(|| view! { <Tryout page=page.clone() /> })}
        {edit.then(|| match (confirm, page.audience) {
            (Some(at), Some(audience)) => view! { <Confirm id=id.clone() at=at audience=audience /> }.into_any(),
            _ => view! { <Schedule id=id.clone() /> }.into_any(),
        })}
        {edit.then(|| view! {
            <form method="post" action=DeleteCampaign::url()>
                <input type="hidden" name="id" value=id.clone() />
                <button type="submit" class="button button-danger">{t(Msg::DeleteCampaignButton)}</button>
            </form>
        })}
    }
}

/// A preview with a real candidate and a test send to oneself.
#[component]
fn Tryout(page: CampaignPage) -> impl IntoView {
    let id = page.campaign.id.clone();
    view! {
        <section class="card" aria-labelledby="campaign-preview">
            <h2 id="campaign-preview">{t(Msg::PreviewLabel)}</h2>
            <form method="post" action=PreviewCampaign::url() class="search-row">
                <input type="hidden" name="id" value=id.clone() />
                <div class="field">
                    <label for="preview">{t(Msg::PreviewCandidateLabel)}</label>
                    <input id="preview" name="preview" type="email" value=use_kept_value("preview") aria-describedby="preview-hint" />
                    <p class="muted" id="preview-hint">{t(Msg::CampaignPreviewHint)}</p>
                </div>
                <button type="submit" class="button button-secondary">{t(Msg::PreviewWithButton)}</button>
            </form>
            {page.preview_not_found.then(|| view! { <p class="field-error" role="status">{t(Msg::PreviewCandidateNotFound)}</p> })}
            {page.preview.map(|(name, steps)| view! {
                <p>{t(Msg::PreviewShowingFor)}": "<strong>{name}</strong></p>
                {steps.into_iter().map(|(position, subject, body)| view! {
                    <article class="mail-preview">
                        <h3>{t(Msg::CampaignStepLabel)}" "{position + 1}": "{subject}</h3>
                        <pre class="mail-body">{body}</pre>
                    </article>
                }).collect_view()}
            })}
            <form method="post" action=TestCampaign::url()>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="button button-secondary">{t(Msg::TestSendButton)}</button>
            </form>
        </section>
    }
}

#[component]
fn Schedule(id: String) -> impl IntoView {
    let when = Some(use_kept_value("when")).filter(|w| !w.is_empty()).unwrap_or_else(|| "now".into());
    let date_error = use_field_error("date");
    let time_error = use_field_error("time");
    view! {
        <section class="card" aria-labelledby="campaign-schedule">
            <h2 id="campaign-schedule">{t(Msg::ScheduleHeading)}</h2>
            <form method="post" action=ScheduleCampaign::url()>
                <input type="hidden" name="id" value=id />
                <fieldset class="field">
                    <legend>{t(Msg::CampaignStartsAt)}</legend>
                    <label for="when-now" class="choice">
                        <input type="radio" id="when-now" name="when" value="now" checked=when != "later" />{t(Msg::ScheduleNow)}
                    </label>
                    <label for="when-later" class="choice">
                        <input type="radio" id="when-later" name="when" value="later" checked=when == "later" />{t(Msg::ScheduleLater)}
                    </label>
                </fieldset>
                <div class="search-row">
                    <div class="field">
                        <label for="date">{t(Msg::InterviewDate)}</label>
                        <input id="date" name="date" type="date" value=use_kept_value("date") aria-invalid=date_error.map(|_| "true") />
                        {date_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
                    </div>
                    <div class="field">
                        <label for="time">{t(Msg::InterviewTime)}</label>
                        <input id="time" name="time" type="time" value=use_kept_value("time") aria-invalid=time_error.map(|_| "true") />
                        {time_error.map(|m| view! { <p class="field-error">{t(m)}</p> })}
                    </div>
                </div>
                <button type="submit" class="button">{t(Msg::CampaignScheduleButton)}</button>
            </form>
        </section>
    }
}

/// Nothing is scheduled before a recruiter has seen how many people it will mail.
#[component]
fn Confirm(id: String, at: i64, audience: (i64, i64)) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="campaign-confirm">
            <h2 id="campaign-confirm">{t(Msg::ConfirmHeading)}</h2>
            <dl class="facts">
                <dt>{t(Msg::CampaignStartsAt)}</dt><dd>{format_datetime(at)}</dd>
                <dt>{t(Msg::ConfirmInSegment)}</dt><dd class="confirm-in-segment">{audience.0}</dd>
                <dt>{t(Msg::ConfirmMayMail)}</dt><dd class="confirm-may-mail">{audience.1}</dd>
            </dl>
            <p class="muted">{t(Msg::ConfirmNote)}</p>
            <form method="post" action=ScheduleCampaign::url() class="search-row">
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="starts_at" value=at.to_string() />
                <input type="hidden" name="confirmed" value="1" />
                <button type="submit" class="button">{t(Msg::CampaignConfirmButton)}</button>
                <a class="button button-secondary" href=format!("/admin/campaigns/{id}")>{t(Msg::ConfirmBack)}</a>
            </form>
        </section>
    }
}
