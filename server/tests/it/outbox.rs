//! The outbox delivers each message once, survives a worker dying mid-send, and retries failures.
use crate::common::engines;
use crate::smtp::SmtpServer;
use app::backend::core::mail::{self, claim, deliver_due, Mailer, OutgoingMail};
use app::backend::now_ms;
use app::i18n::Lang;

const FROM: &str = "Kizuna <no-reply@kizuna.localhost>";

async fn queue_one(db: &app::backend::Db, to: &str, now: i64) -> String {
    let mut tx = db.begin().await.unwrap();
    let mail = OutgoingMail {
        to,
        candidate_id: None,
        kind: "test",
        lang: Lang::Ja,
        subject: "件名テスト".into(),
        body_text: "本文です。\nhttps://example.com/x".into(),
        consent_purpose: None,
    };
    let id = mail::enqueue(&mut tx, &mail, "kizuna.localhost", now).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn status_of(db: &app::backend::Db, message_id: &str) -> (String, i64) {
    sqlx::query_as("SELECT status, attempts FROM mail_outbox WHERE message_id = $1")
        .bind(message_id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_message_is_delivered_once_over_smtp() {
    for engine in engines().await {
        let smtp = SmtpServer::start(0).await;
        let mailer = Mailer::new(Some(&smtp.url()), engine.dir.path(), FROM).unwrap();
        let now = now_ms();
        let message_id = queue_one(&engine.db, "hanako@example.com", now).await;
        let first = deliver_due(&engine.db, &mailer, now).await.unwrap();
        assert_eq!((first.sent, first.failed), (1, 0), "{}", engine.name);
        let again = deliver_due(&engine.db, &mailer, now + 3_600_000).await.unwrap();
        assert_eq!(again.sent, 0, "{}: a sent message must not go out again", engine.name);
        assert_eq!(smtp.message_ids(), vec![message_id.clone()], "{}", engine.name);
        assert_eq!(status_of(&engine.db, &message_id).await, ("sent".into(), 1));
        let raw = smtp.messages.lock().unwrap()[0].clone();
        assert!(raw.contains("To: hanako@example.com"), "{raw}");
    }
}

#[tokio::test]
async fn a_batch_goes_out_over_a_few_reused_connections_each_message_once() {
    for engine in engines().await {
        // the first three deliveries are refused: they go back in the queue while the others are sent
        let smtp = SmtpServer::start(3).await;
        let mailer = Mailer::new(Some(&smtp.url()), engine.dir.path(), FROM).unwrap();
        let now = now_ms();
        let mut queued = Vec::new();
        for i in 0..40 {
            queued.push(queue_one(&engine.db, &format!("p{i}@example.com"), now).await);
        }
        let pass = deliver_due(&engine.db, &mailer, now).await.unwrap();
        assert_eq!((pass.sent, pass.failed), (37, 3), "{}", engine.name);
        let retried = deliver_due(&engine.db, &mailer, now + 3_600_000).await.unwrap();
        assert_eq!((retried.sent, retried.failed), (3, 0), "{}", engine.name);
        let mut delivered = smtp.message_ids();
        delivered.sort();
        queued.sort();
        assert_eq!(delivered, queued, "{}: every message exactly once", engine.name);
        let connections = smtp.connections.load(std::sync::atomic::Ordering::SeqCst);
        // a refused message closes its connection; the transport's pool may open one more than it keeps while a
        // finished message's connection is on its way back; one connection per message would be 43
        assert!(
            connections <= 20,
            "{}: 43 deliveries took {connections} connections; they should be kept open and reused",
            engine.name
        );
    }
}

#[tokio::test]
async fn a_worker_whose_lease_lapsed_cannot_renew_it_after_another_claimed_the_message() {
    for engine in engines().await {
        let now = now_ms();
        queue_one(&engine.db, "slow@example.com", now).await;
        let first = claim(&engine.db, now).await.unwrap();
        assert!(mail::extend_lease(&engine.db, &first[0], 60_000).await.unwrap(), "{}: still ours", engine.name);
        // the lease (extended to 6 minutes) lapses; another worker claims the message
        let second = claim(&engine.db, now + 7 * 60_000).await.unwrap();
        assert_eq!(second.len(), 1, "{}", engine.name);
        assert!(!mail::extend_lease(&engine.db, &first[0], 60_000).await.unwrap(), "{}: no longer ours", engine.name);
        assert!(mail::extend_lease(&engine.db, &second[0], 60_000).await.unwrap(), "{}", engine.name);
    }
}

#[tokio::test]
async fn a_worker_killed_between_sending_and_marking_resends_with_the_same_message_id() {
    for engine in engines().await {
        let smtp = SmtpServer::start(0).await;
        let mailer = Mailer::new(Some(&smtp.url()), engine.dir.path(), FROM).unwrap();
        let now = now_ms();
        let message_id = queue_one(&engine.db, "ken@example.com", now).await;
        // the worker claims and sends, then dies before marking the row sent
        let claimed = claim(&engine.db, now).await.unwrap();
        assert_eq!(claimed.len(), 1);
        mailer.send(&claimed[0]).await.unwrap();
        drop(claimed);
        // while the lease holds, no other worker takes it
        assert_eq!(deliver_due(&engine.db, &mailer, now + 1_000).await.unwrap().sent, 0, "{}", engine.name);
        // after the lease lapses the message is sent again, under the same Message-ID
        let later = deliver_due(&engine.db, &mailer, now + 10 * 60_000).await.unwrap();
        assert_eq!(later.sent, 1, "{}", engine.name);
        assert_eq!(smtp.message_ids(), vec![message_id.clone(), message_id.clone()], "{}", engine.name);
        assert_eq!(status_of(&engine.db, &message_id).await, ("sent".into(), 2));
    }
}

#[tokio::test]
async fn a_failed_delivery_is_retried_with_backoff() {
    for engine in engines().await {
        let smtp = SmtpServer::start(1).await;
        let mailer = Mailer::new(Some(&smtp.url()), engine.dir.path(), FROM).unwrap();
        let now = now_ms();
        let message_id = queue_one(&engine.db, "retry@example.com", now).await;
        let first = deliver_due(&engine.db, &mailer, now).await.unwrap();
        assert_eq!((first.sent, first.failed), (0, 1), "{}", engine.name);
        assert_eq!(status_of(&engine.db, &message_id).await, ("queued".into(), 1));
        let error: Option<String> = sqlx::query_scalar("SELECT last_error FROM mail_outbox WHERE message_id = $1")
            .bind(&message_id)
            .fetch_one(engine.db.pool())
            .await
            .unwrap();
        assert!(error.unwrap_or_default().contains("451"), "{}", engine.name);
        // not before the backoff has passed
        assert_eq!(deliver_due(&engine.db, &mailer, now + 1_000).await.unwrap().sent, 0);
        let retried = deliver_due(&engine.db, &mailer, now_ms() + mail::backoff_ms(1) + 1_000).await.unwrap();
        assert_eq!(retried.sent, 1, "{}", engine.name);
        assert_eq!(smtp.message_ids(), vec![message_id.clone()]);
        assert_eq!(status_of(&engine.db, &message_id).await, ("sent".into(), 2));
    }
}

#[tokio::test]
async fn a_message_that_keeps_failing_is_given_up_after_the_last_attempt() {
    for engine in engines().await {
        let smtp = SmtpServer::start(usize::MAX).await;
        let mailer = Mailer::new(Some(&smtp.url()), engine.dir.path(), FROM).unwrap();
        let message_id = queue_one(&engine.db, "never@example.com", now_ms()).await;
        let mut at = now_ms();
        for _ in 0..mail::MAX_ATTEMPTS {
            deliver_due(&engine.db, &mailer, at).await.unwrap();
            at += 2 * 3_600_000;
        }
        assert_eq!(status_of(&engine.db, &message_id).await, ("failed".into(), mail::MAX_ATTEMPTS));
        assert_eq!(deliver_due(&engine.db, &mailer, at).await.unwrap().failed, 0, "{}", engine.name);
    }
}

#[tokio::test]
async fn without_smtp_each_message_becomes_an_eml_file() {
    for engine in engines().await {
        let mailer = Mailer::new(None, engine.dir.path(), FROM).unwrap();
        let now = now_ms();
        let message_id = queue_one(&engine.db, "sink@example.com", now).await;
        assert_eq!(deliver_due(&engine.db, &mailer, now).await.unwrap().sent, 1);
        let files: Vec<_> = std::fs::read_dir(engine.dir.path().join("mail")).unwrap().collect();
        assert_eq!(files.len(), 1, "{}", engine.name);
        let eml = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
        assert!(eml.contains(&format!("Message-ID: {message_id}")), "{eml}");
        assert!(eml.contains("Content-Transfer-Encoding: base64"));
    }
}

#[tokio::test]
async fn withdrawing_a_purpose_cancels_its_queued_mail_only() {
    for engine in engines().await {
        let candidate = crate::common::insert_candidate(&engine.db, "news@example.com", "Brown", "Ava").await;
        let mut tx = engine.db.begin().await.unwrap();
        for (kind, purpose) in [("news", Some(app::domain::ConsentPurpose::JobNews)), ("sign_in", None)] {
            let mail = OutgoingMail {
                to: "news@example.com",
                candidate_id: Some(&candidate),
                kind,
                lang: Lang::En,
                subject: kind.into(),
                body_text: "x".into(),
                consent_purpose: purpose,
            };
            mail::enqueue(&mut tx, &mail, "kizuna.localhost", now_ms()).await.unwrap();
        }
        let cancelled =
            mail::cancel_for_purpose(&mut tx, &candidate, app::domain::ConsentPurpose::JobNews).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(cancelled, 1, "{}", engine.name);
        let statuses: Vec<(String, String)> = sqlx::query_as("SELECT kind, status FROM mail_outbox ORDER BY kind")
            .fetch_all(engine.db.pool())
            .await
            .unwrap();
        assert_eq!(statuses, [("news".into(), "cancelled".into()), ("sign_in".into(), "queued".into())]);
    }
}
