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

#[cfg(test)]
const DAY_MS: i64 = 86_400_000;
#[cfg(test)]
const JST_OFFSET_MS: i64 = 9 * 3_600_000;

/// `YYYY-MM-DD` (months and days of one or two digits) as the start of that day in Japan time (UTC milliseconds).
pub fn parse_date_jst(input: &str) -> Option<i64> {
    let mut parts = input.trim().splitn(3, '-');
    let year: i16 = parts.next()?.parse().ok()?;
    let month: i8 = parts.next()?.parse().ok()?;
    let day: i8 = parts.next()?.parse().ok()?;
    if !(1970..=9999).contains(&year) {
        return None;
    }
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    Some(date.to_zoned(super::dates::japan()).ok()?.timestamp().as_millisecond())
}

/// Whether `y-m-d` is a day of the calendar.
pub(crate) fn is_calendar_date(year: i64, month: i64, day: i64) -> bool {
    match (i16::try_from(year), i8::try_from(month), i8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => jiff::civil::Date::new(y, m, d).is_ok(),
        _ => false,
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
