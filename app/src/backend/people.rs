//! The one way to read who a candidate is for mail: address, name and language (a leaf module; the features
//! that write to people read them through here).
use crate::i18n::Lang;
use sqlx::AnyConnection;

/// A candidate as mail addresses them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Contact {
    pub id: String,
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub language: String,
}

/// [`Contact`]'s columns, of the `candidates` table aliased `c`.
pub const CONTACT_COLUMNS: &str = "c.id, c.email, c.family_name, c.given_name, c.language";

impl Contact {
    pub fn lang(&self) -> Lang {
        Lang::parse(&self.language).unwrap_or_default()
    }

    /// The name in the order of the person's language.
    pub fn name(&self) -> String {
        self.lang().person_name(&self.family_name, &self.given_name)
    }

    /// Family name, then given name, as the company's own pages show it.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.family_name, self.given_name)
    }
}

/// An active (not erased) candidate's contact.
pub async fn contact(conn: &mut AnyConnection, candidate_id: &str) -> Result<Option<Contact>, sqlx::Error> {
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM candidates c WHERE c.id = $1 AND c.status = 'active'");
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(candidate_id).fetch_optional(conn).await
}

/// The active candidate with this address, locked until the transaction ends where the engine can (PostgreSQL:
/// an erasure of this person either waits or is seen).
pub async fn contact_by_email_locked(
    conn: &mut AnyConnection,
    postgres: bool,
    email: &str,
) -> Result<Option<Contact>, sqlx::Error> {
    let lock = if postgres { " FOR UPDATE" } else { "" };
    let sql = format!("SELECT {CONTACT_COLUMNS} FROM candidates c WHERE c.email = $1 AND c.status = 'active'{lock}");
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(conn).await
}
