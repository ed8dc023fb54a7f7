//! The applications on a candidate's page: stage moves, rejection, withdrawal and interviews.
use crate::api::pipeline::{MoveStage, RejectApplication, WithdrawApplication};
use crate::components::forms::use_kept_value;
use crate::components::i18n::{format_date, stage_label, t};
use crate::domain::*;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub(super) fn Application(
    application: AdminApplication,
    candidate_id: String,
    reasons: Vec<(String, String)>,
    withdraw_reasons: Vec<(String, String)>,
) -> impl IntoView {
    let AdminApplication { id, job_title, stage, outcome, reason, note, applied_at, history } = application;
    let open = outcome.is_none() && stage != crate::domain::Stage::Hired;
    let kept_for_this = use_kept_value("application") == id;
    let kept_note = if kept_for_this { use_kept_value("note") } else { String::new() };
    let reason_id = format!("reason-{id}");
    let note_id = format!("note-{id}");
    let mail_id = format!("mail-{id}");
    let move_id = format!("move-{id}");
    let withdraw_id = format!("withdraw-{id}");
    let heading = job_title.clone();
    let back = format!("/admin/candidates/{candidate_id}");
    view! {
        <div class="application">
            <span class="application-title">{job_title}</span>
            <span class="badge">{t(stage_label(stage, outcome))}</span>
            <span class="muted">{format_date(applied_at)}</span>
            {reason.map(|r| view! { <p class="muted">{t(Msg::RejectReasonLabel)}": "{r}</p> })}
            {note.map(|n| view! { <p class="muted">{t(Msg::InternalNoteLabel)}": "{n}</p> })}
        </div>
        <details class="policy">
            <summary>{t(Msg::StageHistory)}" ("{heading.clone()}")"</summary>
            <ol class="history">
                {history.into_iter().map(|m| view! {
                    <li>
                        {crate::components::i18n::format_datetime(m.at)}" · "
                        {m.from.map(|f| format!("{} → ", t(stage_label(f, None))))}
                        {t(stage_label(m.to, m.outcome))}
                        {m.author.map(|a| format!(" · {a}"))}
                    </li>
                }).collect_view()}
            </ol>
        </details>
        {open.then(|| view! {
            <form method="post" action=MoveStage::url() class="search-row">
                <input type="hidden" name="application_id" value=id.clone() />
                <input type="hidden" name="back" value=back.clone() />
                <label for=move_id.clone()>{t(Msg::MoveTo)}" ("{heading.clone()}")"</label>
                <select id=move_id.clone() name="stage">
                    {crate::domain::Stage::ALL.iter().filter(|s| **s != stage).map(|s| view! {
                        <option value=s.as_str()>{t(stage_label(*s, None))}</option>
                    }).collect_view()}
                </select>
                <button type="submit" class="button button-secondary">{t(Msg::MoveButton)}</button>
            </form>
            <details class="policy">
                <summary>{t(Msg::RejectHeading)}" ("{heading.clone()}")"</summary>
                <form method="post" action=RejectApplication::url()>
                    <input type="hidden" name="candidate_id" value=candidate_id.clone() />
                    <input type="hidden" name="application_id" value=id.clone() />
                    <div class="field">
                        <label for=reason_id.clone()>{t(Msg::RejectReasonLabel)}</label>
                        <select id=reason_id.clone() name="reason_id" required>
                            <option value="">{t(Msg::ChooseReason)}</option>
                            {reasons.into_iter().map(|(rid, label)| view! { <option value=rid>{label}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=note_id.clone()>{t(Msg::InternalNoteLabel)}</label>
                        <textarea id=note_id.clone() name="note" rows="3" maxlength="1000">{kept_note}</textarea>
                    </div>
                    <label class="choice" for=mail_id.clone()>
                        <input type="checkbox" id=mail_id.clone() name="send_mail" value="yes" checked />
                        <span>{t(Msg::SendRejectionMail)}</span>
                    </label>
                    <p><button type="submit" class="button button-danger">{t(Msg::RejectButton)}</button></p>
                </form>
            </details>
            <details class="policy">
                <summary>{t(Msg::WithdrawHeading)}" ("{heading.clone()}")"</summary>
                <form method="post" action=WithdrawApplication::url() class="search-row">
                    <input type="hidden" name="application_id" value=id.clone() />
                    <input type="hidden" name="back" value=back.clone() />
                    <label for=withdraw_id.clone()>{t(Msg::RejectReasonLabel)}</label>
                    <select id=withdraw_id.clone() name="reason_id" required>
                        <option value="">{t(Msg::ChooseReason)}</option>
                        {withdraw_reasons.into_iter().map(|(rid, label)| view! { <option value=rid>{label}</option> }).collect_view()}
                    </select>
                    <button type="submit" class="button button-secondary">{t(Msg::WithdrawRecordButton)}</button>
                </form>
            </details>
        })}
    }
}

#[component]
pub(super) fn Interviews(
    interviews: Vec<crate::domain::Interview>,
    open_applications: Vec<(String, String)>,
    candidate_id: String,
) -> impl IntoView {
    use crate::api::interviews::{InterviewResult, ScheduleInterview};
    use crate::components::i18n::format_datetime;
    let back = format!("/admin/candidates/{candidate_id}");
    let scheduled = use_query_map().with_untracked(|q| q.get("scheduled").is_some());
    let kept = |name: &str| use_kept_value(name);
    view! {
        <section class="card" id="interviews" aria-labelledby="interviews-heading">
            <h2 id="interviews-heading">{t(Msg::InterviewsTitle)}</h2>
            {scheduled.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::InterviewScheduled)}</div> })}
            {interviews.is_empty().then(|| view! { <p>{t(Msg::NoInterviews)}</p> })}
            <ul class="stack note-list">
                {interviews.into_iter().map(|iv| {
                    let place = iv.meeting_url.clone().or(iv.location.clone()).unwrap_or_default();
                    let result_id = format!("result-{}", iv.id);
                    let back = back.clone();
                    view! {
                        <li class="note">
                            <p>
                                <strong>{iv.job_title.clone()}</strong>" · "{format_datetime(iv.starts_at)}" – "
                                {format_datetime(iv.ends_at)[11..].to_owned()}" · "{place}
                                {(!iv.interviewers.is_empty()).then(|| format!(" · {}", iv.interviewers))}
                            </p>
                            {iv.result.clone().map(|r| view! { <p class="note-body">{t(Msg::InterviewResult)}": "{r}</p> })}
                            {iv.result.is_none().then(|| view! {
                                <details class="policy">
                                    <summary>{t(Msg::RescheduleButton)}</summary>
                                    <InterviewForm application_id=iv.application_id.clone() interview_id=Some(iv.id.clone()) back=back.clone() />
                                </details>
                                <form method="post" action=InterviewResult::url()>
                                    <input type="hidden" name="interview_id" value=iv.id.clone() />
                                    <input type="hidden" name="back" value=back.clone() />
                                    <div class="field">
                                        <label for=result_id.clone()>{t(Msg::InterviewResult)}</label>
                                        <textarea id=result_id.clone() name="result" rows="2" maxlength="2000" required></textarea>
                                    </div>
                                    <button type="submit" class="button button-secondary">{t(Msg::RecordResult)}</button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!open_applications.is_empty()).then(|| view! {
                <h3>{t(Msg::ScheduleInterview)}</h3>
                <form method="post" action=ScheduleInterview::url()>
                    <input type="hidden" name="back" value=back.clone() />
                    <div class="field">
                        <label for="iv-application">{t(Msg::JobLabel)}</label>
                        <select id="iv-application" name="application_id">
                            {open_applications.into_iter().map(|(id, title)| {
                                let chosen = kept("iv_for") == id;
                                view! { <option value=id selected=chosen>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <InterviewFields prefix="iv" />
                    <button type="submit" class="button">{t(Msg::ScheduleButton)}</button>
                </form>
            })}
        </section>
    }
}

#[component]
pub(super) fn InterviewForm(application_id: String, interview_id: Option<String>, back: String) -> impl IntoView {
    use crate::api::interviews::ScheduleInterview;
    let prefix = format!("iv-{}", interview_id.clone().unwrap_or_default());
    view! {
        <form method="post" action=ScheduleInterview::url()>
            <input type="hidden" name="back" value=back />
            <input type="hidden" name="application_id" value=application_id />
            {interview_id.map(|id| view! { <input type="hidden" name="interview_id" value=id /> })}
            <InterviewFields prefix=prefix />
            <button type="submit" class="button button-secondary">{t(Msg::RescheduleButton)}</button>
        </form>
    }
}

/// Date, time, length, place or meeting URL, interviewers; what a failed post typed is kept.
#[component]
pub(super) fn InterviewFields(#[prop(into)] prefix: String) -> impl IntoView {
    let field = |name: &'static str, label: Msg, kind: &'static str, required: bool| {
        let id = format!("{prefix}-{name}");
        let value = use_kept_value(&format!("iv_{name}"));
        let value = if value.is_empty() && name == "minutes" { "60".to_owned() } else { value };
        view! {
            <div class="field">
                <label for=id.clone()>{t(label)}</label>
                <input id=id name=name type=kind value=value required=required />
            </div>
        }
    };
    view! {
        <div class="field-row">
            {field("date", Msg::InterviewDate, "date", true)}
            {field("time", Msg::InterviewTime, "time", true)}
            {field("minutes", Msg::InterviewMinutes, "number", true)}
        </div>
        {field("location", Msg::InterviewPlace, "text", false)}
        {field("meeting_url", Msg::MeetingUrl, "url", false)}
        {field("interviewers", Msg::Interviewers, "text", false)}
    }
}
