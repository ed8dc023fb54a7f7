//! The transactional outbox: a message row is written in the transaction of the change that causes it;
//! a worker leases due rows, delivers them and marks them sent. A worker that dies between sending and
//! marking leaves a leased row that is re-sent later with the same Message-ID, so nothing is lost.
use crate::backend::core::db::new_id;
use crate::domain::{ConsentPurpose, TokenPurpose};
use crate::i18n::{Lang, Msg};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::AnyConnection;
use std::path::PathBuf;
use std::time::Duration;

mod deliver;
mod recheck;
mod upkeep;
pub use deliver::{backoff_ms, claim, deliver_due, extend_lease, mark_failed, mark_sent, DeliveryReport};
pub use upkeep::{remove_sink_file, scrub_delivered, sweep_sink};

pub const MAX_ATTEMPTS: i64 = 8;

pub struct OutgoingMail<'a> {
    pub to: &'a str,
    pub candidate_id: Option<&'a str>,
    pub kind: &'a str,
    pub lang: Lang,
    pub subject: String,
    pub body_text: String,
    pub consent_purpose: Option<ConsentPurpose>,
}

/// Queues a transactional message inside the caller's transaction; returns its Message-ID.
pub async fn enqueue(
    conn: &mut AnyConnection,
    mail: &OutgoingMail<'_>,
    domain: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    insert(conn, mail, domain, None, now).await
}

/// Queues a message whose recipient and text are scrubbed once sent (and never written to the sink):
/// the erasure confirmation, the last mail to an address Kizuna must then forget.
pub async fn enqueue_scrubbed(
    conn: &mut AnyConnection,
    mail: &OutgoingMail<'_>,
    domain: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let message_id = insert(conn, mail, domain, None, now).await?;
    sqlx::query("UPDATE mail_outbox SET scrub_after_send = 1 WHERE message_id = $1")
        .bind(&message_id)
        .execute(conn)
        .await?;
    Ok(message_id)
}

pub const UNSUBSCRIBE_TTL_MS: i64 = 180 * 86_400_000;

/// Queues an optional message (one that depends on a consent purpose) with a one-click unsubscribe link
/// (RFC 8058) that works without signing in.
pub async fn enqueue_optional(
    conn: &mut AnyConnection,
    mail: &OutgoingMail<'_>,
    config: &crate::backend::core::state::Config,
    now: i64,
) -> Result<String, sqlx::Error> {
    let candidate_id = mail.candidate_id.unwrap_or_default();
    let token =
        crate::backend::core::tokens::issue(conn, TokenPurpose::Unsubscribe, candidate_id, UNSUBSCRIBE_TTL_MS, now)
            .await?;
    let url = format!("{}/unsubscribe/{token}", config.base_url);
    insert(conn, mail, &config.mail_domain(), Some(&url), now).await
}

/// [`enqueue_optional`] due at `due` under a Message-ID the caller chose (a reminder it can cancel later).
pub async fn enqueue_optional_at(
    conn: &mut AnyConnection,
    mail: &OutgoingMail<'_>,
    config: &crate::backend::core::state::Config,
    message_id: &str,
    due: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let candidate_id = mail.candidate_id.unwrap_or_default();
    let token =
        crate::backend::core::tokens::issue(conn, TokenPurpose::Unsubscribe, candidate_id, UNSUBSCRIBE_TTL_MS, now)
            .await?;
    let url = format!("{}/unsubscribe/{token}", config.base_url);
    insert_row(conn, &new_id(), mail, message_id, Some(&url), due, now).await
}

async fn insert(
    conn: &mut AnyConnection,
    mail: &OutgoingMail<'_>,
    domain: &str,
    list_unsubscribe: Option<&str>,
    now: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let message_id = format!("<{id}@{domain}>");
    insert_row(conn, &id, mail, &message_id, list_unsubscribe, now, now).await?;
    Ok(message_id)
}

/// Queues a message to go out at `due` under a Message-ID the caller chose (so that it can find it again: an
/// interview's reminder moves when the interview does).
pub async fn enqueue_at(
    conn: &mut AnyConnection,
    mail: &OutgoingMail<'_>,
    message_id: &str,
    due: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    insert_row(conn, &new_id(), mail, message_id, None, due, now).await
}

async fn insert_row(
    conn: &mut AnyConnection,
    id: &str,
    mail: &OutgoingMail<'_>,
    message_id: &str,
    list_unsubscribe: Option<&str>,
    due: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_outbox (id, message_id, recipient, candidate_id, kind, language, subject, body_text, \
         consent_purpose, list_unsubscribe, status, attempts, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'queued', 0, $11, $12)",
    )
    .bind(id)
    .bind(message_id)
    .bind(mail.to)
    .bind(mail.candidate_id)
    .bind(mail.kind)
    .bind(mail.lang.tag())
    .bind(&mail.subject)
    .bind(&mail.body_text)
    .bind(mail.consent_purpose.map(|p| p.as_str()))
    .bind(list_unsubscribe)
    .bind(due)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Cancels what is still queued for a candidate under a purpose they withdrew.
pub async fn cancel_for_purpose(
    conn: &mut AnyConnection,
    candidate_id: &str,
    purpose: ConsentPurpose,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE mail_outbox SET status = 'cancelled' WHERE candidate_id = $1 AND consent_purpose = $2 AND status = 'queued'",
    )
    .bind(candidate_id)
    .bind(purpose.as_str())
    .execute(conn)
    .await?
    .rows_affected())
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: String,
    pub message_id: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
    pub list_unsubscribe: Option<String>,
    pub scrub_after_send: i64,
    pub candidate_id: Option<String>,
    pub consent_purpose: Option<String>,
}

macro_rules! text_header {
    ($name:ident, $header:literal) => {
        #[derive(Clone, Debug)]
        struct $name(String);

        impl lettre::message::header::Header for $name {
            fn name() -> lettre::message::header::HeaderName {
                lettre::message::header::HeaderName::new_from_ascii_str($header)
            }
            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok(Self(s.to_owned()))
            }
            fn display(&self) -> lettre::message::header::HeaderValue {
                lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}
text_header!(ListUnsubscribe, "List-Unsubscribe");
text_header!(ListUnsubscribePost, "List-Unsubscribe-Post");

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// The embedded default: messages go to `.eml` files and the admin mailbox only.
    Sink,
}

pub struct Mailer {
    transport: Transport,
    data_dir: PathBuf,
    mail_dir: PathBuf,
    from: Mailbox,
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, data_dir: &std::path::Path, from: &str) -> Result<Self, String> {
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("KIZUNA_SMTP_URL: {e}"))?
                    .timeout(Some(Duration::from_secs(30)))
                    .pool_config(PoolConfig::new().max_size(deliver::CONCURRENCY as u32))
                    .build(),
            ),
            None => Transport::Sink,
        };
        let from = from.parse().map_err(|e| format!("KIZUNA_MAIL_FROM: {e}"))?;
        Ok(Self { transport, data_dir: data_dir.to_path_buf(), mail_dir: data_dir.join("mail"), from })
    }

    pub fn build(&self, row: &OutboxRow) -> Result<Message, String> {
        let to: Mailbox = row.recipient.parse().map_err(|e| format!("recipient: {e}"))?;
        let mut builder = Message::builder()
            .message_id(Some(row.message_id.clone()))
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .date_now();
        if let Some(url) = &row.list_unsubscribe {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost("List-Unsubscribe=One-Click".into()));
        }
        builder
            .singlepart(
                SinglePart::builder()
                    .header(ContentType::TEXT_PLAIN)
                    .header(ContentTransferEncoding::Base64)
                    .body(row.body_text.clone()),
            )
            .map_err(|e| format!("message: {e}"))
    }

    pub async fn send(&self, row: &OutboxRow) -> Result<(), String> {
        let message = self.build(row)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string()),
            Transport::Sink if row.scrub_after_send == 1 => Ok(()),
            Transport::Sink => {
                tokio::fs::create_dir_all(&self.mail_dir).await.map_err(|e| e.to_string())?;
                let path = self.mail_dir.join(format!("{}.eml", row.id));
                tokio::fs::write(path, message.formatted()).await.map_err(|e| e.to_string())
            }
        }
    }
}

/// A subject in Japanese and English, for mail to people whose language is not known.
pub fn bilingual(msg: Msg) -> String {
    format!("{} / {}", msg.text(Lang::Ja), msg.text(Lang::En))
}
