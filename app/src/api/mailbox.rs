//! The outbox as admins see it (`/admin/mailbox`).
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

pub const MAILBOX_PAGE: i64 = 50;

/// A page of the outbox.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mailbox {
    /// mail goes to the embedded sink (no SMTP): the texts are shown, their links taken out
    pub sink: bool,
    pub mail: Vec<MailSummary>,
}

/// The outbox, newest first; admins only. With SMTP configured it shows subject, recipient and status only; as
/// the embedded sink's inbox it shows the texts too, but never a working link: an admin cannot act as the person
/// a sign-in, referral or set-password link was for.
#[server(prefix = "/api", endpoint = "admin/mailbox")]
pub async fn list_mail(before_at: Option<i64>, before_id: Option<String>) -> Result<Mailbox, AppError> {
    use crate::backend::mailbox;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let cursor = before_at.zip(before_id);
    let sink = state.config.smtp_url.is_none();
    let mut mail = mailbox::list(&state.db, cursor, MAILBOX_PAGE).await?;
    for message in &mut mail {
        message.body_text = if sink { without_tokens(&message.body_text) } else { String::new() };
    }
    // the mailbox shows personal data (addresses, names): every view is audited
    let detail = format!("{} messages", mail.len());
    crate::backend::core::audit::record_alone(&state.db, &admin.actor(), "viewed", ("mailbox", None), &detail).await?;
    Ok(Mailbox { sink, mail })
}
