//! One code path over SQLite (embedded default) and PostgreSQL, chosen by the URL.
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

pub type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbKind {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    kind: DbKind,
}

/// One migrations folder for both engines: every migration so far is SQL both accept (`BIGINT` times, `TEXT`
/// ids, no engine-only syntax). Checksums are of the files' bytes, which stayed the same when the two identical
/// per-engine folders became this one, so databases migrated before keep validating. A migration that truly
/// differs goes in as one file per engine under a version of its own, the other engine's file a no-op comment.
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Db {
    pub async fn connect(url: &str) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let (kind, url) = if url.starts_with("sqlite:") {
            (DbKind::Sqlite, prepare_sqlite_url(url)?)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (DbKind::Postgres, url.to_owned())
        } else {
            return Err(sqlx::Error::Configuration(format!("unsupported database URL scheme: {url}").into()));
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if kind == DbKind::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if kind == DbKind::Sqlite {
                        conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; PRAGMA secure_delete = ON;")
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self { pool, kind })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn kind(&self) -> DbKind {
        self.kind
    }

    /// A transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`): every transaction here
    /// writes, and a deferred one that reads first cannot wait for the lock when it later writes (it fails with
    /// "database is locked" as soon as another connection has written in between).
    pub async fn begin(&self) -> Result<Tx<'static>, sqlx::Error> {
        match self.kind {
            DbKind::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            DbKind::Postgres => self.pool.begin().await,
        }
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        MIGRATOR.run(&self.pool).await
    }

    /// Ready means reachable with every migration applied.
    pub async fn is_ready(&self) -> bool {
        let applied: Result<i64, _> = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE")
            .fetch_one(&self.pool)
            .await;
        matches!(applied, Ok(n) if n as usize >= MIGRATOR.iter().count())
    }

    /// Copies SQLite's write-ahead log into the database and empties it, so that values just overwritten (an
    /// erasure, with `secure_delete` on) do not linger in the log's old pages. Best effort: a busy database is
    /// checkpointed by SQLite itself later. PostgreSQL's old row versions go with its vacuum.
    pub async fn checkpoint(&self) {
        if self.kind == DbKind::Sqlite {
            if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await {
                tracing::warn!(%error, "checkpointing the write-ahead log");
            }
        }
    }

    pub async fn close(&self) {
        self.pool.close().await
    }
}

/// `sqlite://data/kizuna.db` becomes a file created on first use, with its folder.
fn prepare_sqlite_url(url: &str) -> Result<String, sqlx::Error> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() || path == ":memory:" {
        return Ok(url.to_owned());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
        }
    }
    let query = if query.split('&').any(|p| p.starts_with("mode=")) {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default()
}

/// A database error reaches the client as an opaque `Internal`, logged here with its text.
impl From<sqlx::Error> for crate::domain::AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(%error, "database error");
        crate::domain::AppError::Internal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_create_their_file() {
        let dir = std::env::temp_dir().join(format!("kizuna-url-{}", new_id()));
        let url = format!("sqlite://{}/x.db", dir.display());
        assert_eq!(prepare_sqlite_url(&url).unwrap(), format!("sqlite://{}/x.db?mode=rwc", dir.display()));
        assert!(dir.exists());
        assert_eq!(prepare_sqlite_url("sqlite::memory:").unwrap(), "sqlite::memory:");
        let ro = format!("sqlite://{}/x.db?mode=ro", dir.display());
        assert_eq!(prepare_sqlite_url(&ro).unwrap(), ro);
    }

    /// Released migrations never change: a database migrated by an earlier release (from either of the two former
    /// per-engine folders, which were byte-identical) must keep validating. SHA-384 of each file as released.
    #[test]
    fn released_migrations_keep_their_checksums() {
        const RELEASED: &[(i64, &str)] = &[
            (1, "594b639ebba2347647a96cf0ce016d1749f548d7641a8bdb552dc1bb6b87893e39b4c3733cd460d531e81f7932d25565"),
            (2, "218c9cd191a04c228ade189433903dccef6280fd48110bec15c09713d3539c5ea8251a0b5cb855108d5b23bcc21c47d8"),
            (3, "c9345d4775296a8a045c21778b3cad0d0b8c593e5597973c686fff697b3a3ee1bc39572b05d45794add6283ffe55684e"),
            (4, "c681a8390d533fce41abfaaa7132cecb4a685e1f86f47f61fea6abba2a9517ba4ad969e5400854a2c8ce8f56cbc18a23"),
            (5, "e697bd3980beb4dbd06b6d7e661586fe21979aeb7f36a49a34b264c3fe7aaa15e1ddf493dd20791ad8883288a83eadec"),
            (6, "36c822666cdf9886f20879365f39ba1e31d41e22bc94275006d27123c5c69b2d638924a0b09cfac5a2d3d719867ffc07"),
            (7, "f355695f8429a194fff48ebcefa44d6b8eefc48b3343df96eb1d107ce100b41a08e9db884af89ff5ea720beba3f01fa6"),
            (8, "dc7f057697499f7f014d555bf9477d45f1ba619498883abc98fbbae66802dc13f63cd9997d6d38a6973aa568fec43a92"),
            (9, "d47e84c33ab148ac35293d62696d3535d626808d5c9cdfd36760c27c6cb730d3f22b5c066bf06f01b637a1314a2b4702"),
            (10, "553d60366cde58f6c108678eff608bc80c2f5ec02ad7555d44cbb3eafb7cb928516446403eefef138f497d02e0cf9155"),
            (11, "8bf238d0b3a069057e9742df617c80552ef8f27da0d8ee65063dbcf27041be5ab237a45ab4f0e30a20cea95e5b378da7"),
            (12, "6d114809b84d50c17595a60da079c5e7ae88b6b96c278440a7bc8a88ea849a4e7fd08271897613e7d4fc2ba4ce87dd3a"),
        ];
        for (version, checksum) in RELEASED {
            let migration = MIGRATOR.iter().find(|m| m.version == *version).expect("a released migration is there");
            assert_eq!(hex::encode(&migration.checksum), *checksum, "migration {version} was edited");
        }
    }
}
