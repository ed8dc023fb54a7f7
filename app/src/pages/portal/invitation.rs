use crate::api::invitations::{load_invitation, AnswerInvitation};
use crate::components::forms::{use_form_error, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::labels::invitation_status_label;
use crate::components::portal_nav::PortalNav;
use crate::domain::Invitation;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let error = use_form_error();
    let done = use_query_map().with_untracked(|q| q.get("done")).and_then(|d| match d.as_str() {
        "accepted" => Some(Msg::InvitationAccepted),
        "declined" => Some(Msg::InvitationDeclined),
        "snoozed" => Some(Msg::InvitationSnoozed),
        _ => None,
    });
    view! {
        <Title text=t(Msg::InvitationTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_invitation(id)).await, "/portal/sign-in", |invitation| view! {
                        <PortalNav current="" />
                        <h1>{t(Msg::InvitationTitle)}</h1>
                        <FormAlert error=error />
                        {done.map(|m| view! { <div class="alert alert-ok" role="status">{t(m)}</div> })}
                        <InvitationCard invitation=invitation />
                    }
                    .into_any())
            })}
        </Suspense>
    }
}

#[component]
fn InvitationCard(invitation: Invitation) -> impl IntoView {
    let open = invitation.is_open();
    let id = invitation.id.clone();
    let answer = move |value: &'static str, label: Msg, class: &'static str| {
        view! {
            <form method="post" action=AnswerInvitation::url() class="inline-form">
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="answer" value=value />
                <button type="submit" class=class>{t(label)}</button>
            </form>
        }
    };
    view! {
        <section class="card" aria-labelledby="job-heading">
            <h2 id="job-heading">{invitation.job_title.clone()}</h2>
            <p class="muted">{invitation.department.clone()}" · "{invitation.location.clone()}" · "{format_date(invitation.created_at)}</p>
            <p class="badge">{t(invitation_status_label(invitation.status))}</p>
            <p>{invitation.description.clone()}</p>
            {if open {
                view! {
                    <p class="muted">{t(Msg::ProfileUsedHint)}" "<a href="/portal/profile">{t(Msg::EditProfileLink)}</a></p>
                    <div class="actions">
                        {answer("accept", Msg::AcceptButton, "button")}
                        {answer("later", Msg::LaterButton, "button button-secondary")}
                    </div>
                    <form method="post" action=AnswerInvitation::url() class="stack">
                        <input type="hidden" name="id" value=invitation.id.clone() />
                        <input type="hidden" name="answer" value="decline" />
                        <div class="field">
                            <label for="reason">{t(Msg::ReasonLabel)}</label>
                            <textarea id="reason" name="reason" rows="3" maxlength="500"></textarea>
                        </div>
                        <button type="submit" class="button button-secondary">{t(Msg::DeclineButton)}</button>
                    </form>
                }
                    .into_any()
            } else {
                view! { <p>{t(Msg::InvitationClosedNote)}</p> }.into_any()
            }}
        </section>
    }
}
