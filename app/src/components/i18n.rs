use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

/// The language of the page being rendered (provided by the shell on the server).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// A message in the page's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

/// Where an application stands, in the company's words (recruiters and agencies, never the candidate).
pub fn stage_label(stage: crate::domain::Stage, outcome: Option<crate::domain::Outcome>) -> Msg {
    use crate::domain::{Outcome, Stage};
    match (outcome, stage) {
        (Some(Outcome::Rejected), _) => Msg::OutcomeRejected,
        (Some(Outcome::Withdrawn), _) => Msg::OutcomeWithdrawn,
        (None, Stage::Applied) => Msg::StageApplied,
        (None, Stage::Screening) => Msg::StageScreening,
        (None, Stage::Interview) => Msg::StageInterview,
        (None, Stage::Offer) => Msg::StageOffer,
        (None, Stage::Hired) => Msg::StageHired,
    }
}

/// A date (UTC milliseconds) in Japan time, as YYYY-MM-DD.
pub fn format_date(ms: i64) -> String {
    format_datetime(ms)[..10].to_owned()
}

/// A time (UTC milliseconds) in Japan time, as YYYY-MM-DD HH:MM.
pub fn format_datetime(ms: i64) -> String {
    const JST_OFFSET_MS: i64 = 9 * 3_600_000;
    let local = ms + JST_OFFSET_MS;
    let days = local.div_euclid(86_400_000);
    let minute_of_day = local.rem_euclid(86_400_000) / 60_000;
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", minute_of_day / 60, minute_of_day % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_in_japan_time() {
        assert_eq!(format_datetime(0), "1970-01-01 09:00");
        // 2026-11-25 15:30 UTC is 2026-11-26 00:30 in Tokyo
        assert_eq!(format_datetime(1_795_620_600_000), "2026-11-26 00:30");
        assert_eq!(format_date(951_782_400_000), "2000-02-29");
    }
}
