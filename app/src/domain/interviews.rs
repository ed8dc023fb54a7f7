//! Interviews: their times and places, checked.
use serde::{Deserialize, Serialize};

/// An interview, as the candidate page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interview {
    pub id: String,
    pub application_id: String,
    pub job_title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub location: Option<String>,
    pub meeting_url: Option<String>,
    pub interviewers: String,
    pub result: Option<String>,
}

/// The interview form as it posts (every field optional: the rules say what is missing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterviewForm {
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub location: String,
    pub meeting_url: String,
    pub interviewers: String,
}

impl InterviewForm {
    pub fn parse(&self) -> Result<InterviewInput, super::AppError> {
        InterviewInput::parse(
            &self.date,
            &self.time,
            &self.minutes,
            &self.location,
            &self.meeting_url,
            &self.interviewers,
        )
    }

    /// What was typed, to show again when scheduling failed (the candidate page has several interview forms,
    /// hence the prefix and the application they were for).
    pub fn typed<'a>(&'a self, application_id: &'a str) -> [(&'static str, &'a str); 7] {
        [
            ("iv_for", application_id),
            ("iv_date", &self.date),
            ("iv_time", &self.time),
            ("iv_minutes", &self.minutes),
            ("iv_location", &self.location),
            ("iv_meeting_url", &self.meeting_url),
            ("iv_interviewers", &self.interviewers),
        ]
    }
}

/// A checked interview time and place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterviewInput {
    pub starts_at: i64,
    pub ends_at: i64,
    pub location: Option<String>,
    pub meeting_url: Option<String>,
    pub interviewers: String,
}

impl InterviewInput {
    /// From the form: a day and a time in the company's zone, a length in minutes, a place or a meeting URL, who interviews.
    pub fn parse(
        date: &str,
        time: &str,
        minutes: &str,
        location: &str,
        meeting_url: &str,
        interviewers: &str,
    ) -> Result<Self, super::AppError> {
        use crate::i18n::Msg;
        let mut errors = Vec::new();
        let day = super::parse_date(date);
        if day.is_none() {
            errors.push(super::FieldError::new("date", Msg::ErrDateInvalid));
        }
        let clock = super::parse_time_of_day(time);
        if clock.is_none() {
            errors.push(super::FieldError::new("time", Msg::ErrTimeInvalid));
        }
        let length = minutes.trim().parse::<i64>().ok().filter(|m| (15..=480).contains(m));
        if length.is_none() {
            errors.push(super::FieldError::new("minutes", Msg::ErrMinutes));
        }
        let location = Some(super::normalize_text(location)).filter(|l| !l.is_empty());
        let meeting_url = Some(meeting_url.trim().to_owned()).filter(|u| !u.is_empty());
        if let Some(url) = &meeting_url {
            let ok = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() <= 500
                && !url.chars().any(|c| c.is_whitespace() || c.is_control());
            if !ok {
                errors.push(super::FieldError::new("meeting_url", Msg::ErrUrlInvalid));
            }
        }
        if location.is_none() && meeting_url.is_none() {
            errors.push(super::FieldError::new("location", Msg::ErrPlaceRequired));
        }
        if location.as_ref().is_some_and(|l| l.chars().count() > 200) {
            errors.push(super::FieldError::new("location", Msg::ErrTooLong));
        }
        let interviewers = super::normalize_text(interviewers);
        if interviewers.chars().count() > 200 {
            errors.push(super::FieldError::new("interviewers", Msg::ErrTooLong));
        }
        match (day, clock, length) {
            (Some(day), Some(clock), Some(length)) if errors.is_empty() => {
                let starts_at = super::at_time_of_day(day, clock).unwrap_or(day + clock);
                Ok(Self { starts_at, ends_at: starts_at + length * 60_000, location, meeting_url, interviewers })
            }
            _ => Err(super::AppError::Validation(errors)),
        }
    }

    /// An interview is scheduled in the future.
    pub fn check(&self, now: i64) -> Result<(), super::AppError> {
        if self.starts_at <= now {
            return Err(super::AppError::field("date", crate::i18n::Msg::ErrInPast));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interview_times_are_japan_time_and_need_a_place() {
        let ok = InterviewInput::parse("2027-05-26", "10:30", "60", "", "https://meet.example.com/x", "山田").unwrap();
        assert_eq!(ok.starts_at, super::super::parse_date("2027-05-26").unwrap() + 10 * 3_600_000 + 30 * 60_000);
        assert_eq!(ok.ends_at - ok.starts_at, 3_600_000);
        let bad = InterviewInput::parse("2027-02-30", "25:00", "5", "", "javascript:alert(1)", "").unwrap_err();
        let super::super::AppError::Validation(fields) = bad else { panic!() };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["date", "time", "minutes", "meeting_url"]);
        assert!(InterviewInput::parse("2027-05-26", "10:00", "60", "", "", "").is_err(), "a place is needed");
        assert!(ok.check(ok.starts_at - 1).is_ok() && ok.check(ok.starts_at).is_err());
    }
}
