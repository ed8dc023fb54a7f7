//! People who asked to be erased stay erased: their normalised e-mail address and phone number are kept only as
//! keyed one-way fingerprints (HMAC-SHA-256 with the server's secret), so that a re-imported file or a recruiter
//! adding them by hand cannot silently bring them back. Without the secret a fingerprint cannot be tested
//! against a guessed address, unlike a bare hash. A person who signs up again themselves lifts it.
pub use super::core::crypto::Secret;
use crate::domain::{Email, PhoneNumber};
use sqlx::AnyConnection;

/// Remembers that the person with these addresses and phone numbers asked to be erased (`erasure` groups the
/// prints of one erasure: they are lifted together).
pub async fn suppress(
    conn: &mut AnyConnection,
    secret: &Secret,
    emails: &[Email],
    phones: &[PhoneNumber],
    erasure: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let prints = emails
        .iter()
        .map(|e| ("email", secret.of_email(e)))
        .chain(phones.iter().map(|p| ("phone", secret.of_phone(p))));
    for (kind, print) in prints {
        sqlx::query(
            "INSERT INTO suppressions (fingerprint, kind, erasure, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (fingerprint) DO NOTHING",
        )
        .bind(print)
        .bind(kind)
        .bind(erasure)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Whether this address or phone number belongs to someone who asked to be erased.
pub async fn is_suppressed(
    conn: &mut AnyConnection,
    secret: &Secret,
    email: &Email,
    phone: Option<&PhoneNumber>,
) -> Result<bool, sqlx::Error> {
    let email_print = secret.of_email(email);
    let phone_print = phone.map(|p| secret.of_phone(p)).unwrap_or_else(|| email_print.clone());
    let found: Option<String> =
        sqlx::query_scalar("SELECT kind FROM suppressions WHERE fingerprint = $1 OR fingerprint = $2 LIMIT 1")
            .bind(&email_print)
            .bind(&phone_print)
            .fetch_optional(conn)
            .await?;
    Ok(found.is_some())
}

/// The person themselves is back: they signed up again and confirmed this address from its mailbox. Every print
/// of the erasure the address belongs to goes (its phone number's too); nobody else can lift one.
pub async fn lift(conn: &mut AnyConnection, secret: &Secret, email: &Email) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "DELETE FROM suppressions WHERE erasure IN (SELECT erasure FROM suppressions WHERE fingerprint = $1)",
    )
    .bind(secret.of_email(email))
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_keyed_and_normalised_values_match() {
        let secret = Secret([7; 32]);
        let email = Email::parse(" Hanako@Example.COM ").unwrap();
        let same = Email::parse("hanako@example.com").unwrap();
        assert_eq!(secret.of_email(&email), secret.of_email(&same));
        assert_ne!(secret.of_email(&email), Secret([8; 32]).of_email(&email), "another key, another print");
        assert_ne!(secret.of_email(&email), crate::backend::core::crypto::sha256_hex("hanako@example.com"));
        let phone = PhoneNumber::parse("090-1111-2222").unwrap();
        assert_eq!(secret.of_phone(&phone), secret.of_phone(&PhoneNumber::parse("+81 90 1111 2222").unwrap()));
        assert_eq!(secret.of_email(&email).len(), 64);
    }
}
