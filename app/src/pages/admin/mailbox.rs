use crate::api::mailbox::{list_mail, Mailbox, MAILBOX_PAGE};
use crate::components::i18n::{format_datetime, t};
use crate::domain::MailStatus;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn MailboxPage() -> impl IntoView {
    let query = use_query_map();
    let before_at = query.with_untracked(|q| q.get("before_at")).and_then(|v| v.parse::<i64>().ok());
    let before_id = query.with_untracked(|q| q.get("before_id"));
    view! {
        <Title text=t(Msg::MailboxTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(list_mail(before_at, before_id)).await, "/admin/sign-in", |page| view! { <Mailbox page=page /> }.into_any())
            })}
        </Suspense>
    }
}

fn invitation_status_label(status: MailStatus) -> Msg {
    match status {
        MailStatus::Queued => Msg::MailStatusQueued,
        MailStatus::Sending => Msg::MailStatusSending,
        MailStatus::Sent => Msg::MailStatusSent,
        MailStatus::Failed => Msg::MailStatusFailed,
        MailStatus::Cancelled => Msg::MailStatusCancelled,
    }
}

#[component]
fn Mailbox(page: Mailbox) -> impl IntoView {
    let Mailbox { sink, mail } = page;
    let next = (mail.len() as i64 == MAILBOX_PAGE)
        .then(|| mail.last().map(|m| format!("/admin/mailbox?before_at={}&before_id={}", m.created_at, m.id)))
        .flatten();
    let empty = mail.is_empty();
    view! {
        <h1>{t(Msg::MailboxTitle)}</h1>
        <p class="muted">{t(if sink { Msg::MailboxIntro } else { Msg::MailboxSmtpIntro })}</p>
        {empty.then(|| view! { <p>{t(Msg::MailboxEmpty)}</p> })}
        <ul class="mail-list">
            {mail
                .into_iter()
                .map(|m| {
                    view! {
                        <li class="mail">
                            <details>
                                <summary>
                                    <span class="mail-subject">{m.subject.clone()}</span>
                                    <span class="muted">{t(Msg::ColTo)}": "{m.recipient.clone()}</span>
                                    <span class="badge">{t(invitation_status_label(m.status))}</span>
                                    <span class="muted">{format_datetime(m.created_at)}</span>
                                </summary>
                                <dl class="mail-meta">
                                    <dt>{t(Msg::ColKind)}</dt>
                                    <dd>{m.kind.clone()}</dd>
                                    <dt>"Message-ID"</dt>
                                    <dd>{m.message_id.clone()}</dd>
                                    <dt>{t(Msg::ColAttempts)}</dt>
                                    <dd>{m.attempts}</dd>
                                </dl>
                                {(!m.body_text.is_empty()).then(|| view! { <pre class="mail-body">{m.body_text.clone()}</pre> })}
                            </details>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {next.map(|href| view! { <a class="button button-secondary" href=href>{t(Msg::NextPage)}</a> })}
    }
}
