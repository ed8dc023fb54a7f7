//! Keeping stored mail free of what it no longer needs: tokens left in mail delivered before scrubbing, and the
//! embedded sink's files of erased messages.
use crate::backend::core::db::Db;
use crate::domain::without_tokens;

/// Scrubs, once, what was delivered before stored mail lost its links (an installation upgraded with sent mail):
/// the worker's first pass does it, a batch at a time; returns how many messages it scrubbed.
pub async fn scrub_delivered(db: &Db) -> Result<usize, sqlx::Error> {
    let (mut scrubbed, mut after) = (0, String::new());
    loop {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT id, subject, body_text FROM mail_outbox WHERE id > $1 AND status IN ('sent', 'failed', 'cancelled') \
             AND body_text NOT LIKE $2 AND (body_text LIKE '%/link/%' OR body_text LIKE '%/relay/%' \
             OR body_text LIKE '%/set-password/%' OR body_text LIKE '%/sign-up/confirm/%') ORDER BY id LIMIT 200",
        )
        .bind(&after)
        .bind(format!("%{}%", crate::domain::TOKEN_REMOVED))
        .fetch_all(db.pool())
        .await?;
        let Some(last) = rows.last().map(|r| r.0.clone()) else { return Ok(scrubbed) };
        for (id, subject, body) in rows {
            let cleaned = without_tokens(&body);
            if cleaned == body {
                continue;
            }
            sqlx::query("UPDATE mail_outbox SET subject = $1, body_text = $2, list_unsubscribe = NULL WHERE id = $3")
                .bind(without_tokens(&subject))
                .bind(cleaned)
                .bind(&id)
                .execute(db.pool())
                .await?;
            scrubbed += 1;
        }
        after = last;
    }
}

/// Deletes a message's file from the embedded sink (the message was erased); a file already gone is fine.
pub async fn remove_sink_file(data_dir: &std::path::Path, id: &str) {
    let path = data_dir.join("mail").join(format!("{id}.eml"));
    match tokio::fs::remove_file(&path).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::error!(%e, "deleting an erased message's file"),
    }
}

/// Deletes the embedded sink's files of messages that were erased (or are gone) — one the worker wrote while the
/// person was being erased, or whose deletion failed — once they are an hour old; returns how many.
pub async fn sweep_sink(db: &Db, data_dir: &std::path::Path) -> Result<usize, sqlx::Error> {
    let Ok(mut entries) = tokio::fs::read_dir(data_dir.join("mail")).await else { return Ok(0) };
    let mut swept = 0;
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(".eml") else { continue };
        let age = entry.metadata().await.ok().and_then(|m| m.modified().ok()).and_then(|m| m.elapsed().ok());
        if age.is_none_or(|age| age.as_secs() < 3600) {
            continue;
        }
        let recipient: Option<String> = sqlx::query_scalar("SELECT recipient FROM mail_outbox WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?;
        if recipient.is_none_or(|r| r == "erased") {
            remove_sink_file(data_dir, id).await;
            swept += 1;
        }
    }
    Ok(swept)
}
