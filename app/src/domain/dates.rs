//! Dates as people read them: UTC milliseconds shown in the company's zone, Asia/Tokyo, with `jiff`. Japan has
//! kept one offset (UTC+9, no daylight saving) since 1951, so the zone is that fixed offset and no time zone
//! database has to ship with the binary or the wasm.
use jiff::tz::{offset, TimeZone};
use jiff::Timestamp;

/// Asia/Tokyo.
pub fn japan() -> TimeZone {
    TimeZone::fixed(offset(9))
}

fn in_japan(ms: i64, format: &str) -> String {
    match Timestamp::from_millisecond(ms) {
        Ok(at) => at.to_zoned(japan()).strftime(format).to_string(),
        Err(_) => String::new(),
    }
}

/// `months` calendar months after `ms` in Japan time (the 31st of a shorter month becomes its last day).
pub fn months_after(ms: i64, months: i64) -> i64 {
    let later = Timestamp::from_millisecond(ms)
        .ok()
        .and_then(|at| at.to_zoned(japan()).checked_add(jiff::Span::new().try_months(months).ok()?).ok());
    later.map_or(ms, |at| at.timestamp().as_millisecond())
}

/// A date (UTC milliseconds) in Japan time, as YYYY-MM-DD.
pub fn format_date(ms: i64) -> String {
    in_japan(ms, "%Y-%m-%d")
}

/// A time (UTC milliseconds) in Japan time, as YYYY-MM-DD HH:MM.
pub fn format_datetime(ms: i64) -> String {
    in_japan(ms, "%Y-%m-%d %H:%M")
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
        assert_eq!(format_date(i64::MAX), "", "out of range shows nothing rather than a wrong date");
    }

    #[test]
    fn months_are_calendar_months() {
        let day = |d: &str| crate::domain::parse_date_jst(d).unwrap();
        assert_eq!(format_date(months_after(day("2026-08-31"), 6)), "2027-02-28");
        assert_eq!(format_date(months_after(day("2027-08-31"), 6)), "2028-02-29");
        assert_eq!(format_date(months_after(day("2026-12-02"), 12)), "2027-12-02");
    }
}
