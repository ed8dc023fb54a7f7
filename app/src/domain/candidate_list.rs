//! The recruiter's candidate list: its filters as they travel in the URL, its rows and its saved views.
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

text_enum!(
    /// What the list's form does with the ticked candidates.
    BulkAction { Tag = "tag", Untag = "untag", Invite = "invite" }
);

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
    /// not contacted since (UTC ms, start of a day in the company's zone)
    pub no_contact_since: Option<i64>,
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    pub sort: Option<ListSort>,
    /// with an application as the analytics reports count it (their figures link here): the scope below
    pub applied: ApplicationScope,
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
                "no_contact_since" => filter.no_contact_since = super::parse_date(value),
                "created_from" => filter.created_from = super::parse_date(value),
                // inclusive: the whole of that day
                "created_to" => filter.created_to = super::dates::parse_date_end(value),
                "sort" => filter.sort = ListSort::parse(value),
                "applied_from" => filter.applied.from = super::parse_date(value),
                "applied_to" => filter.applied.to = super::dates::parse_date_end(value),
                "applied_via" => {
                    filter.applied.via = super::analytics::application_source_ok(value).then(|| value.to_owned())
                }
                "department" => filter.applied.department = non_empty(value).filter(|v| v.chars().count() <= 200),
                "reached" => filter.applied.reached = Stage::parse(value),
                "reason" => filter.applied.reason = non_empty(value).filter(|v| v.chars().count() <= 200),
                "moved_from" => filter.applied.moved_from = super::parse_date(value),
                "moved_to" => filter.applied.moved_to = super::dates::parse_date_end(value),
                "moved_into" => filter.applied.moved_into = Stage::parse(value),
                "moved_outcome" => filter.applied.moved_outcome = Outcome::parse(value),
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
        let a = &self.applied;
        push("applied_from", a.from.map(&format_date));
        push("applied_to", a.to.map(&format_date));
        push("applied_via", a.via.clone());
        push("department", a.department.clone());
        push("reached", a.reached.map(|s| s.as_str().to_owned()));
        push("reason", a.reason.clone());
        push("moved_from", a.moved_from.map(&format_date));
        push("moved_to", a.moved_to.map(&format_date));
        push("moved_into", a.moved_into.map(|s| s.as_str().to_owned()));
        push("moved_outcome", a.moved_outcome.map(|s| s.as_str().to_owned()));
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

    /// The list view's address.
    pub fn list_url(&self) -> String {
        let query = self.query_string();
        if query.is_empty() {
            "/admin/candidates".to_owned()
        } else {
            format!("/admin/candidates?{query}")
        }
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

/// The `reason` filter of applications that ended without one (reason ids are never this word).
pub const NO_REASON: &str = "none";

/// Conditions on one application of the person, as the analytics reports count: created in a period, through a
/// channel, for a job of a department, reached a stage (or a later one), ended for a reason, moved in a period
/// (into a stage). The job, current stage and outcome of the list's own filters apply to the same application.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationScope {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub via: Option<String>,
    pub department: Option<String>,
    pub reached: Option<Stage>,
    pub reason: Option<String>,
    pub moved_from: Option<i64>,
    pub moved_to: Option<i64>,
    pub moved_into: Option<Stage>,
    /// the move in the period is the one that recorded this outcome
    pub moved_outcome: Option<Outcome>,
}

impl ApplicationScope {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
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

#[cfg(test)]
mod tests {
    use super::*;

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
