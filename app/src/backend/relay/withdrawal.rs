//! Withdrawing a referral: agencies lose access from that moment and are told to delete what they received.
use crate::backend::core::mail::{self, OutgoingMail};
use crate::domain::referral_reference;
use crate::i18n::{Lang, Msg};
use sqlx::AnyConnection;

/// Ends agencies' access to a candidate's referrals (one agency, or all) from this moment, and tells each agency
/// to delete what it received. The provision records stay: the law says to keep them.
pub async fn withdraw_referrals(
    conn: &mut AnyConnection,
    candidate_id: &str,
    agency_id: Option<&str>,
    mail_domain: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let open: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT r.id, a.name, a.contact_email FROM referrals r JOIN agencies a ON a.id = r.agency_id \
         WHERE r.candidate_id = $1 AND r.withdrawn_at IS NULL AND ($2 = '' OR r.agency_id = $2)",
    )
    .bind(candidate_id)
    .bind(agency_id.unwrap_or(""))
    .fetch_all(&mut *conn)
    .await?;
    for (referral, agency_name, contact) in &open {
        sqlx::query("UPDATE referrals SET withdrawn_at = $1, updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(referral)
            .execute(&mut *conn)
            .await?;
        let reference = referral_reference(referral);
        let notice = OutgoingMail {
            to: contact,
            candidate_id: None,
            kind: "agency_withdrawal",
            lang: Lang::Ja,
            subject: format!("{} ({reference})", mail::bilingual(Msg::MailAgencyWithdrawnSubject)),
            body_text: format!(
                "{}\n{}\n\n{reference}\n\n-- \nKizuna\n",
                Msg::MailAgencyWithdrawnBody.text(Lang::Ja).replace("{agency}", agency_name),
                Msg::MailAgencyWithdrawnBody.text(Lang::En).replace("{agency}", agency_name),
            ),
            consent_purpose: None,
        };
        mail::enqueue(&mut *conn, &notice, mail_domain, now).await?;
    }
    Ok(open.len())
}
