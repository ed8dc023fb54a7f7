//! Dates as people read them, with `jiff` and the IANA time zone database (bundled into the server binary).
//! Times are stored as UTC milliseconds; they are shown, typed and counted in a zone: the viewer's where the
//! page knows it, else the company's (`KIZUNA_TIME_ZONE`, Asia/Tokyo by default). Calendar arithmetic ("six
//! months later") is done in that zone, so month ends and daylight saving come out right.
use jiff::tz::{offset, TimeZone};
use jiff::{Span, Timestamp};
use std::sync::OnceLock;

/// The company's zone unless `KIZUNA_TIME_ZONE` names another.
pub const DEFAULT_ZONE: &str = "Asia/Tokyo";

/// The zone a page shows times in, provided per request by the server (the company's until people choose their
/// own).
#[derive(Clone, Debug)]
pub struct ViewerZone(pub TimeZone);

static COMPANY_ZONE: OnceLock<TimeZone> = OnceLock::new();

/// A zone by its IANA name (`Asia/Tokyo`, `Europe/Berlin`), if the database knows it.
pub fn zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok()
}

/// Sets the company's zone, once, at start-up.
pub fn set_company_zone(zone: TimeZone) {
    let _ = COMPANY_ZONE.set(zone);
}

/// The company's zone: where recruiters work and where a candidate without a zone of their own is shown times.
pub fn company_zone() -> TimeZone {
    // Japan has kept UTC+9 without daylight saving since 1951: the fallback where no database is bundled (wasm)
    COMPANY_ZONE.get().cloned().or_else(|| zone(DEFAULT_ZONE)).unwrap_or_else(|| TimeZone::fixed(offset(9)))
}

fn format_in(ms: i64, zone: &TimeZone, format: &str) -> String {
    match Timestamp::from_millisecond(ms) {
        Ok(at) => at.to_zoned(zone.clone()).strftime(format).to_string(),
        Err(_) => String::new(),
    }
}

/// A date (UTC milliseconds) in a zone, as YYYY-MM-DD.
pub fn format_date_in(ms: i64, zone: &TimeZone) -> String {
    format_in(ms, zone, "%Y-%m-%d")
}

/// A time (UTC milliseconds) in a zone, as YYYY-MM-DD HH:MM.
pub fn format_datetime_in(ms: i64, zone: &TimeZone) -> String {
    format_in(ms, zone, "%Y-%m-%d %H:%M")
}

/// A date in the company's zone, as YYYY-MM-DD (mail, CSV files, the ledger).
pub fn format_date(ms: i64) -> String {
    format_date_in(ms, &company_zone())
}

/// A time in the company's zone, as YYYY-MM-DD HH:MM.
pub fn format_datetime(ms: i64) -> String {
    format_datetime_in(ms, &company_zone())
}

/// `months` calendar months after `ms` in the company's zone (the 31st of a shorter month becomes its last day).
pub fn months_after(ms: i64, months: i64) -> i64 {
    let later = Timestamp::from_millisecond(ms)
        .ok()
        .and_then(|at| at.to_zoned(company_zone()).checked_add(Span::new().try_months(months).ok()?).ok());
    later.map_or(ms, |at| at.timestamp().as_millisecond())
}

/// `days` calendar days before `ms` in the company's zone (the same wall-clock time that many days earlier).
pub fn days_before(ms: i64, days: u32) -> i64 {
    let earlier = Timestamp::from_millisecond(ms)
        .ok()
        .and_then(|at| at.to_zoned(company_zone()).checked_sub(Span::new().try_days(i64::from(days)).ok()?).ok());
    earlier.map_or(ms, |at| at.timestamp().as_millisecond())
}

/// `YYYY-MM-DD` (months and days of one or two digits) as the start of that day in the company's zone (UTC
/// milliseconds); None for anything that is not a day of the calendar from 1970 on.
pub fn parse_date(input: &str) -> Option<i64> {
    parse_date_in(input, &company_zone())
}

/// [`parse_date`] in a given zone.
pub fn parse_date_in(input: &str, zone: &TimeZone) -> Option<i64> {
    let mut parts = input.trim().splitn(3, '-');
    let year: i16 = parts.next()?.parse().ok()?;
    let month: i8 = parts.next()?.parse().ok()?;
    let day: i8 = parts.next()?.parse().ok()?;
    if !(1970..=9999).contains(&year) {
        return None;
    }
    let date = jiff::civil::Date::new(year, month, day).ok()?;
    Some(date.to_zoned(zone.clone()).ok()?.timestamp().as_millisecond())
}

/// [`parse_date`]'s day to its last millisecond (the start of the next calendar day, less one): for "to" filters
/// that include the whole day, however long the day is.
pub fn parse_date_end(input: &str) -> Option<i64> {
    let start = Timestamp::from_millisecond(parse_date(input)?).ok()?.to_zoned(company_zone());
    let next = start.date().tomorrow().ok()?.to_zoned(company_zone()).ok()?;
    Some(next.timestamp().as_millisecond() - 1)
}

/// Whether `y-m-d` is a day of the calendar.
pub fn is_calendar_date(year: i64, month: i64, day: i64) -> bool {
    match (i16::try_from(year), i8::try_from(month), i8::try_from(day)) {
        (Ok(y), Ok(m), Ok(d)) => jiff::civil::Date::new(y, m, d).is_ok(),
        _ => false,
    }
}

/// `HH:MM` as milliseconds after the start of a day (a 24-hour clock), or None.
pub fn parse_time_of_day(input: &str) -> Option<i64> {
    let (hour, minute) = input.trim().split_once(':')?;
    let time = jiff::civil::Time::new(hour.parse().ok()?, minute.parse().ok()?, 0, 0).ok()?;
    Some(i64::from(time.hour()) * 3_600_000 + i64::from(time.minute()) * 60_000)
}

/// The moment a day (the start of it, as [`parse_date`] gives) and a time of day (as [`parse_time_of_day`]
/// gives) name together in the company's zone: on a day when the clocks change, the wall-clock time is what
/// counts, not the milliseconds since midnight.
pub fn at_time_of_day(day_start: i64, time_of_day: i64) -> Option<i64> {
    let zone = company_zone();
    let day = Timestamp::from_millisecond(day_start).ok()?.to_zoned(zone.clone()).date();
    let time = jiff::civil::Time::new((time_of_day / 3_600_000) as i8, (time_of_day / 60_000 % 60) as i8, 0, 0).ok()?;
    Some(day.to_datetime(time).to_zoned(zone).ok()?.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY_MS: i64 = 86_400_000;
    const JST_OFFSET_MS: i64 = 9 * 3_600_000;

    #[test]
    fn dates_are_shown_in_japan_time_by_default() {
        assert_eq!(format_datetime(0), "1970-01-01 09:00");
        // 2026-11-25 15:30 UTC is 2026-11-26 00:30 in Tokyo
        assert_eq!(format_datetime(1_795_620_600_000), "2026-11-26 00:30");
        assert_eq!(format_date(951_782_400_000), "2000-02-29");
        assert_eq!(format_date(i64::MAX), "", "out of range shows nothing rather than a wrong date");
    }

    #[test]
    fn a_viewer_elsewhere_sees_their_own_clock_through_daylight_saving() {
        let berlin = zone("Europe/Berlin").expect("the bundled database knows Berlin");
        // 2026-11-25 15:30 UTC: 16:30 in Berlin in winter; 2026-07-01 12:00 UTC: 14:00 in summer
        assert_eq!(format_datetime_in(1_795_620_600_000, &berlin), "2026-11-25 16:30");
        assert_eq!(format_datetime_in(1_782_907_200_000, &berlin), "2026-07-01 14:00");
        assert_eq!(parse_date_in("2026-07-01", &berlin), Some(1_782_856_800_000));
    }

    #[test]
    fn months_are_calendar_months() {
        let day = |d: &str| parse_date(d).unwrap();
        assert_eq!(format_date(months_after(day("2026-08-31"), 6)), "2027-02-28");
        assert_eq!(format_date(months_after(day("2027-08-31"), 6)), "2028-02-29");
        assert_eq!(format_date(months_after(day("2026-12-02"), 12)), "2027-12-02");
    }

    #[test]
    fn dates_are_days_in_the_company_zone() {
        assert_eq!(parse_date("1970-01-02"), Some(DAY_MS - JST_OFFSET_MS));
        assert_eq!(parse_date("2027-05-26"), Some(1_811_257_200_000));
        assert!(parse_date("2028-02-29").is_some());
        for bad in ["2027-02-29", "2027-13-01", "2027-00-10", "27-1-1x", "", "tomorrow"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_of_day_are_a_24_hour_clock() {
        assert_eq!(parse_time_of_day("10:30"), Some(10 * 3_600_000 + 30 * 60_000));
        assert_eq!(parse_time_of_day(" 0:05 "), Some(5 * 60_000));
        for bad in ["24:00", "12:60", "noon", "10", "-1:00"] {
            assert_eq!(parse_time_of_day(bad), None, "{bad}");
        }
        let day = parse_date("2027-05-26").unwrap();
        assert_eq!(at_time_of_day(day, 10 * 3_600_000), Some(day + 10 * 3_600_000));
    }
}
