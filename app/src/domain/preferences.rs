use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// How, about what and how often a candidate wants to hear from the company.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPreferences {
    pub language: Lang,
    pub topics: Vec<String>,
    pub monthly_cap: Option<i64>,
    pub pause_until: Option<i64>,
    pub unsubscribed_at: Option<i64>,
}

/// A topic a candidate can choose: a department or a location the company hires in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferencesPage {
    pub preferences: ContactPreferences,
    pub topics: Vec<Topic>,
}

pub const MONTHLY_CAPS: &[i64] = &[1, 2, 4, 8];

const DAY_MS: i64 = 86_400_000;
const JST_OFFSET_MS: i64 = 9 * 3_600_000;

/// `YYYY-MM-DD` as the start of that day in Japan time (UTC milliseconds).
pub fn parse_date_jst(input: &str) -> Option<i64> {
    let mut parts = input.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1970..=9999).contains(&year) || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // days-from-civil (Howard Hinnant)
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * DAY_MS - JST_OFFSET_MS)
}

pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_in_japan() {
        assert_eq!(parse_date_jst("1970-01-02"), Some(DAY_MS - JST_OFFSET_MS));
        assert_eq!(parse_date_jst("2027-05-26"), Some(1_811_257_200_000));
        assert!(parse_date_jst("2028-02-29").is_some());
        for bad in ["2027-02-29", "2027-13-01", "2027-00-10", "27-1-1x", "", "tomorrow"] {
            assert_eq!(parse_date_jst(bad), None, "{bad}");
        }
    }
}
