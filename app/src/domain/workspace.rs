//! The recruiter's workspace: the candidate list with its filters, tags and notes.
use super::types::{text_enum, ConsentPurpose, Outcome, SourceChannel, Stage};
use serde::{Deserialize, Serialize};

text_enum!(
    /// How the candidate list is ordered.
    ListSort { Newest = "newest", Oldest = "oldest", Name = "name" }
);

text_enum!(
    /// The consent filter of the list: agreed to a purpose now, or to none of the optional ones.
    ConsentFilter { TalentPool = "talent_pool", JobNews = "job_news", AgencyReferral = "agency_referral", NoneOptional = "none" }
);

impl ConsentFilter {
    pub fn purpose(self) -> Option<ConsentPurpose> {
        match self {
            Self::TalentPool => Some(ConsentPurpose::TalentPool),
            Self::JobNews => Some(ConsentPurpose::JobNews),
            Self::AgencyReferral => Some(ConsentPurpose::AgencyReferral),
            Self::NoneOptional => None,
        }
    }
}

pub const LIST_PAGE: i64 = 50;
pub const MAX_QUERY_CHARS: usize = 200;

/// The filters of a list view, as they travel in the URL (everything optional; bad values are dropped).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CandidateFilter {
    pub q: String,
    pub tag: Option<String>,
    pub source: Option<SourceChannel>,
    pub job: Option<String>,
    pub stage: Option<Stage>,
    pub outcome: Option<Outcome>,
    pub consent: Option<ConsentFilter>,
    /// not contacted since (UTC ms, start of a day in Japan)
    pub no_contact_since: Option<i64>,
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    pub sort: Option<ListSort>,
    /// only these candidates (a selection; never from the URL)
    pub ids: Vec<String>,
}

impl CandidateFilter {
    /// Reads the filter from URL query pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = Self::default();
        let non_empty = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_owned());
        for (key, value) in pairs {
            match key {
                "q" => filter.q = value.chars().take(MAX_QUERY_CHARS).collect(),
                "tag" => filter.tag = non_empty(value),
                "source" => filter.source = SourceChannel::parse(value),
                "job" => filter.job = non_empty(value),
                "stage" => filter.stage = Stage::parse(value),
                "outcome" => filter.outcome = Outcome::parse(value),
                "consent" => filter.consent = ConsentFilter::parse(value),
                "no_contact_since" => filter.no_contact_since = super::parse_date_jst(value),
                "created_from" => filter.created_from = super::parse_date_jst(value),
                // inclusive: the whole of that day
                "created_to" => filter.created_to = super::parse_date_jst(value).map(|d| d + 86_400_000 - 1),
                "sort" => filter.sort = ListSort::parse(value),
                _ => {}
            }
        }
        filter
    }

    /// The filter as URL query pairs (for links to the next page and the CSV export).
    pub fn to_pairs(&self, format_date: impl Fn(i64) -> String) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.q.trim().is_empty() {
            pairs.push(("q", self.q.clone()));
        }
        let mut push = |key, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((key, value));
            }
        };
        push("tag", self.tag.clone());
        push("source", self.source.map(|s| s.as_str().to_owned()));
        push("job", self.job.clone());
        push("stage", self.stage.map(|s| s.as_str().to_owned()));
        push("outcome", self.outcome.map(|s| s.as_str().to_owned()));
        push("consent", self.consent.map(|s| s.as_str().to_owned()));
        push("no_contact_since", self.no_contact_since.map(&format_date));
        push("created_from", self.created_from.map(&format_date));
        push("created_to", self.created_to.map(&format_date));
        push("sort", self.sort.map(|s| s.as_str().to_owned()));
        pairs
    }

    /// The filter as a URL query string (without `?`), in one canonical form.
    pub fn query_string(&self) -> String {
        use super::url_encode;
        self.to_pairs(super::format_date)
            .into_iter()
            .map(|(k, v)| format!("{k}={}", url_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Reads the filter from a URL query string; what is not a filter is dropped.
    pub fn from_query(query: &str) -> Self {
        use super::url_decode;
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split_once('=').map(|(k, v)| (url_decode(k), url_decode(v))))
            .collect();
        Self::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

/// One row of the candidate list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateRow {
    pub id: String,
    pub name: String,
    pub kana: Option<String>,
    pub email: String,
    pub source_channel: SourceChannel,
    pub tags: Vec<String>,
    pub created_at: i64,
    pub last_contact_at: Option<i64>,
}

/// A tag to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub id: String,
    pub name: String,
}

/// A page of the candidate list, with what the filter form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateList {
    pub rows: Vec<CandidateRow>,
    /// the cursor of the next page, if there is one
    pub next: Option<String>,
    pub tags: Vec<Tag>,
    pub jobs: Vec<super::JobOption>,
    /// the caller's saved views
    pub views: Vec<SavedView>,
}

/// A list view a recruiter saved under a name: the list's query string (filters and order, in canonical form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: String,
    pub name: String,
    pub query: String,
}

pub const MAX_VIEW_NAME_CHARS: usize = 60;
pub const MAX_SAVED_VIEWS: i64 = 50;

/// A note on a candidate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub author: String,
    pub body: String,
    pub created_at: i64,
}

pub const MAX_NOTE_CHARS: usize = 5000;
pub const MAX_TAG_CHARS: usize = 50;

/// One move of an application through the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageMove {
    pub from: Option<Stage>,
    pub to: Stage,
    pub outcome: Option<Outcome>,
    pub author: Option<String>,
    pub at: i64,
}

/// A job, as recruiters manage it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: String,
    pub title_ja: String,
    pub title_en: String,
    pub department: String,
    pub location: String,
    pub employment_type: String,
    pub open: bool,
    pub description_ja: String,
    pub description_en: String,
    pub applications: i64,
}

text_enum!(
    EmploymentType {
        FullTime = "full_time", PartTime = "part_time", Contract = "contract", Internship = "internship",
        NewGraduate = "new_graduate",
    }
);

pub const MAX_JOB_DESCRIPTION_CHARS: usize = 10_000;
const MAX_JOB_FIELD_CHARS: usize = 200;

/// What a recruiter typed for a job.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobInput {
    pub title_ja: String,
    pub title_en: String,
    pub department: String,
    pub location: String,
    pub employment_type: String,
    pub open: bool,
    pub description_ja: String,
    pub description_en: String,
}

impl JobInput {
    /// The job normalised (NFKC, trimmed), or an error at every bad field.
    pub fn validate(&self, max_description: usize) -> Result<JobInput, super::AppError> {
        use crate::i18n::Msg;
        let mut errors = Vec::new();
        let mut line = |field: &str, value: &str| {
            let value = super::normalize_text(value);
            if value.is_empty() {
                errors.push(super::FieldError::new(field, Msg::ErrRequired));
            } else if value.chars().count() > MAX_JOB_FIELD_CHARS {
                errors.push(super::FieldError::new(field, Msg::ErrTooLong));
            }
            value
        };
        let title_ja = line("title_ja", &self.title_ja);
        let title_en = line("title_en", &self.title_en);
        let department = line("department", &self.department);
        let location = line("location", &self.location);
        if EmploymentType::parse(&self.employment_type).is_none() {
            errors.push(super::FieldError::new("employment_type", Msg::ErrInvalid));
        }
        let mut text = |field: &str, value: &str| {
            let value = value.replace("\r\n", "\n").trim().to_owned();
            if value.chars().count() > max_description {
                errors.push(super::FieldError::new(field, Msg::ErrTooLong));
            }
            value
        };
        let description_ja = text("description_ja", &self.description_ja);
        let description_en = text("description_en", &self.description_en);
        if !errors.is_empty() {
            return Err(super::AppError::Validation(errors));
        }
        Ok(JobInput {
            title_ja,
            title_en,
            department,
            location,
            employment_type: self.employment_type.clone(),
            open: self.open,
            description_ja,
            description_en,
        })
    }
}

/// An open application on a job's pipeline board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineCard {
    pub application_id: String,
    pub candidate_id: String,
    pub name: String,
    pub stage: Stage,
    pub since: i64,
}

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
    /// From the form: a day and a time in Japan, a length in minutes, a place or a meeting URL, who interviews.
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
        let day = super::parse_date_jst(date);
        if day.is_none() {
            errors.push(super::FieldError::new("date", Msg::ErrDateInvalid));
        }
        let clock = time.trim().split_once(':').and_then(|(h, m)| {
            let (h, m) = (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?);
            ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 3_600_000 + m * 60_000)
        });
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
                let starts_at = day + clock;
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

text_enum!(
    /// Why two records may be the same person.
    DuplicateReason {
        Email = "email", Phone = "phone", NameBirthDate = "name_birth_date", KanaBirthDate = "kana_birth_date",
    }
);

impl DuplicateReason {
    pub fn label(self) -> crate::i18n::Msg {
        use crate::i18n::Msg;
        match self {
            Self::Email => Msg::DupEmail,
            Self::Phone => Msg::DupPhone,
            Self::NameBirthDate => Msg::DupNameBirth,
            Self::KanaBirthDate => Msg::DupKanaBirth,
        }
    }
}

/// Another record that may be the same person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    pub id: String,
    pub name: String,
    pub email: String,
    pub reason: DuplicateReason,
}

/// An event (information session) with its numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: String,
    pub title: String,
    pub starts_at: i64,
    pub location: String,
    pub registered: i64,
    pub attended: i64,
}

/// Someone registered for an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAttendee {
    pub candidate_id: String,
    pub name: String,
    pub email: String,
    pub registered_at: i64,
    pub attended_at: Option<i64>,
    pub followed_up_at: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interview_times_are_japan_time_and_need_a_place() {
        let ok = InterviewInput::parse("2027-05-26", "10:30", "60", "", "https://meet.example.com/x", "山田").unwrap();
        assert_eq!(ok.starts_at, super::super::parse_date_jst("2027-05-26").unwrap() + 10 * 3_600_000 + 30 * 60_000);
        assert_eq!(ok.ends_at - ok.starts_at, 3_600_000);
        let bad = InterviewInput::parse("2027-02-30", "25:00", "5", "", "javascript:alert(1)", "").unwrap_err();
        let super::super::AppError::Validation(fields) = bad else { panic!() };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["date", "time", "minutes", "meeting_url"]);
        assert!(InterviewInput::parse("2027-05-26", "10:00", "60", "", "", "").is_err(), "a place is needed");
        assert!(ok.check(ok.starts_at - 1).is_ok() && ok.check(ok.starts_at).is_err());
    }

    #[test]
    fn filters_round_trip_through_the_url_and_drop_bad_values() {
        let filter = CandidateFilter::from_pairs([
            ("q", "山田"),
            ("source", "job_board"),
            ("stage", "interview"),
            ("outcome", "nope"),
            ("created_from", "2026-01-01"),
            ("sort", "oldest"),
        ]);
        assert_eq!(filter.source, Some(SourceChannel::JobBoard));
        assert_eq!(filter.outcome, None);
        let pairs = filter.to_pairs(crate::domain::format_date);
        let back = CandidateFilter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, filter);
    }
}

/// One of the company's own users, as the admin's user list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: super::Role,
    pub active: bool,
    /// invited and has not set a password yet
    pub invited: bool,
    pub created_at: i64,
}

/// A reason in one of the managed decline lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclineReason {
    pub id: String,
    /// company-side (a rejection) or candidate-side (a withdrawal)
    pub company_side: bool,
    pub label_ja: String,
    pub label_en: String,
    pub active: bool,
    /// applications that carry it
    pub uses: i64,
}
