//! The append-only audit log: who did what to whom, and when. Every feature writes through [`record`]; the
//! admin's page reads it through `backend::audit`.
use super::db::new_id;
use sqlx::AnyConnection;

/// Who acts, as the audit log names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKind {
    /// A recruiter (or the import worker acting for the recruiter who started it).
    User,
    Candidate,
    AgencyUser,
    /// Someone not signed in (a refused sign-in, say).
    Anonymous,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Candidate => "candidate",
            Self::AgencyUser => "agency_user",
            Self::Anonymous => "anonymous",
        }
    }
}

/// The author of an audit entry. Callers build it from who is signed in (`backend::caller`), never by hand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor<'a> {
    pub kind: ActorKind,
    pub id: Option<&'a str>,
    pub ip: Option<&'a str>,
}

impl<'a> Actor<'a> {
    pub fn user(id: &'a str, ip: &'a str) -> Self {
        Self { kind: ActorKind::User, id: Some(id), ip: Some(ip) }
    }

    pub fn candidate(id: &'a str, ip: &'a str) -> Self {
        Self { kind: ActorKind::Candidate, id: Some(id), ip: Some(ip) }
    }

    pub fn agency_user(id: &'a str, ip: &'a str) -> Self {
        Self { kind: ActorKind::AgencyUser, id: Some(id), ip: Some(ip) }
    }

    pub fn anonymous(ip: &'a str) -> Self {
        Self { kind: ActorKind::Anonymous, id: None, ip: Some(ip) }
    }

    /// A background job acting for the user who started it (no request, so no address).
    pub fn worker_for(user: Option<&'a str>) -> Self {
        Self { kind: ActorKind::User, id: user, ip: None }
    }

    /// The same actor with no address kept (the erasure's own entry).
    pub fn without_ip(self) -> Self {
        Self { ip: None, ..self }
    }
}

pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor<'_>,
    action: &str,
    subject: (&str, Option<&str>),
    detail: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_log (id, actor_kind, actor_id, action, subject_kind, subject_id, detail, ip, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(new_id())
    .bind(actor.kind.as_str())
    .bind(actor.id)
    .bind(action)
    .bind(subject.0)
    .bind(subject.1)
    .bind(detail)
    .bind(actor.ip)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records one entry now, on a connection of its own: for reads (a view of personal data, an export), which
/// hold no transaction to write it in.
pub async fn record_alone(
    db: &super::db::Db,
    actor: &Actor<'_>,
    action: &str,
    subject: (&str, Option<&str>),
    detail: &str,
) -> Result<(), sqlx::Error> {
    let mut conn = db.pool().acquire().await?;
    record(&mut conn, actor, action, subject, detail, super::db::now_ms()).await
}
