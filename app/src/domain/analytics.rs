//! Analytics: the report filters as they travel in the URL, and the funnel with its pass-through rates.
//!
//! The funnel has two views, and the page says which one it shows:
//! - **cohort**: the applications created in the period, each followed to the furthest stage it has reached by
//!   now (a skipped stage counts as passed), with how those that ended did end;
//! - **activity**: what happened in the period, whenever the application was created: moves into each stage and
//!   the rejections and withdrawals recorded in it.
use super::types::{text_enum, Outcome, Stage};
use serde::{Deserialize, Serialize};

text_enum!(
    /// Which funnel: applications created in the period, or moves made in it.
    FunnelView { Cohort = "cohort", Activity = "activity" }
);

/// The longest period a report covers (a period longer than this is cut to it): ten years.
pub const MAX_PERIOD_DAYS: i64 = 3_660;
/// The period a report covers when none is given.
pub const DEFAULT_PERIOD_DAYS: i64 = 90;

/// The filters every report shares, as they travel in the URL (bad values are dropped).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportFilter {
    /// first day of the period (UTC ms of its start in the company's zone)
    pub from: Option<i64>,
    /// last day of the period, inclusive (UTC ms of the end of that day)
    pub to: Option<i64>,
    pub job: Option<String>,
    pub department: Option<String>,
    /// the channel the application came through (`invitation` for a re-application by invitation)
    pub source: Option<String>,
    pub view: Option<FunnelView>,
}

/// Channels an application can come through: a candidate's source channels, and an accepted invitation.
pub fn application_source_ok(value: &str) -> bool {
    value == "invitation" || super::SourceChannel::parse(value).is_some()
}

impl ReportFilter {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut filter = Self::default();
        let short = |v: &str| {
            let v = v.trim();
            (!v.is_empty() && v.chars().count() <= 200).then(|| v.to_owned())
        };
        for (key, value) in pairs {
            match key {
                "from" => filter.from = super::parse_date(value),
                "to" => filter.to = super::dates::parse_date_end(value),
                "job" => filter.job = short(value),
                "department" => filter.department = short(value),
                "source" => filter.source = application_source_ok(value.trim()).then(|| value.trim().to_owned()),
                "view" => filter.view = FunnelView::parse(value),
                _ => {}
            }
        }
        filter
    }

    pub fn to_pairs(&self, format_date: impl Fn(i64) -> String) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut push = |key, value: Option<String>| {
            if let Some(value) = value {
                pairs.push((key, value));
            }
        };
        push("from", self.from.map(&format_date));
        push("to", self.to.map(&format_date));
        push("job", self.job.clone());
        push("department", self.department.clone());
        push("source", self.source.clone());
        push("view", self.view.map(|v| v.as_str().to_owned()));
        pairs
    }

    /// The filter as if read from its URL: what a server function received from any client goes through the
    /// same checks as a link.
    pub fn checked(&self) -> Self {
        let pairs = self.to_pairs(super::format_date);
        Self::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    pub fn view(&self) -> FunnelView {
        self.view.unwrap_or(FunnelView::Cohort)
    }

    /// The period as half-open UTC ms `[start, end)`, whole days in the company's zone: the default is the last
    /// [`DEFAULT_PERIOD_DAYS`] days up to the end of today; a period given backwards is turned round, and one
    /// longer than [`MAX_PERIOD_DAYS`] is cut at its start.
    pub fn period(&self, now: i64) -> (i64, i64) {
        const DAY: i64 = 86_400_000;
        let day_start = |ms: i64| super::parse_date(&super::format_date(ms)).unwrap_or(ms);
        let day_end = |ms: i64| super::dates::parse_date_end(&super::format_date(ms)).unwrap_or(ms);
        let end = self.to.unwrap_or_else(|| day_end(now)) + 1;
        let start = self.from.unwrap_or_else(|| day_start(end - 1 - (DEFAULT_PERIOD_DAYS - 1) * DAY));
        let (start, end) = if start <= end { (start, end) } else { (end - DAY, start + DAY) };
        (start.max(end - MAX_PERIOD_DAYS * DAY), end)
    }
}

/// A stage's position in the pipeline, as stored in `applications.reached_rank`.
pub fn stage_rank(stage: Stage) -> i64 {
    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0) as i64
}

/// `next` out of `prev`, in whole percent (rounded half up); none when nothing reached the earlier stage.
pub fn percent(next: i64, prev: i64) -> Option<i64> {
    (prev > 0).then(|| (next * 200 + prev) / (prev * 2))
}

/// One bar of the funnel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelStage {
    pub stage: Stage,
    /// cohort: applications that reached this stage or a later one; activity: moves into it in the period
    pub count: i64,
    /// out of the stage before, in whole percent (none for the first stage, or when the stage before had none)
    pub pass_through: Option<i64>,
}

/// Applications that ended (rejected or withdrawn) at a stage, for one reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DropOff {
    pub stage: Stage,
    pub outcome: Outcome,
    pub reason_id: Option<String>,
    /// the reason's label in the reader's language (empty when none was given)
    pub reason: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funnel {
    pub view: FunnelView,
    /// the period shown, as half-open UTC ms
    pub start: i64,
    pub end: i64,
    pub stages: Vec<FunnelStage>,
    pub drop_offs: Vec<DropOff>,
}

impl Funnel {
    /// The bars from counts per stage (in pipeline order), with each stage's rate out of the one before.
    pub fn stages_from(counts: [i64; 5]) -> Vec<FunnelStage> {
        Stage::ALL
            .iter()
            .enumerate()
            .map(|(i, stage)| FunnelStage {
                stage: *stage,
                count: counts[i],
                pass_through: if i == 0 { None } else { percent(counts[i], counts[i - 1]) },
            })
            .collect()
    }
}

/// The funnel page: the report, the filter it was made for, and the choices of the filter form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelReport {
    pub filter: ReportFilter,
    pub funnel: Funnel,
    pub jobs: Vec<super::JobOption>,
    pub departments: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format_date;

    #[test]
    fn pass_through_is_each_stage_out_of_the_one_before() {
        let stages = Funnel::stages_from([10, 6, 3, 1, 1]);
        let rates: Vec<_> = stages.iter().map(|s| s.pass_through).collect();
        assert_eq!(rates, vec![None, Some(60), Some(50), Some(33), Some(100)]);
        assert_eq!(Funnel::stages_from([0, 0, 0, 0, 0])[1].pass_through, None);
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(1, 8), Some(13));
    }

    #[test]
    fn the_filter_round_trips_and_drops_bad_values() {
        let f = ReportFilter::from_pairs([
            ("from", "2026-01-01"),
            ("to", "2026-03-31"),
            ("job", "job-1"),
            ("source", "invitation"),
            ("view", "activity"),
            ("department", "  "),
        ]);
        assert_eq!(f.view(), FunnelView::Activity);
        assert_eq!(f.source.as_deref(), Some("invitation"));
        assert_eq!(f.department, None);
        let again = ReportFilter::from_pairs(
            f.to_pairs(super::super::format_date).iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>(),
        );
        assert_eq!(again, f);
        let bad = ReportFilter::from_pairs([("from", "yesterday"), ("source", "'; DROP"), ("view", "x")]);
        assert_eq!(bad, ReportFilter::default());
    }

    #[test]
    fn the_period_defaults_turns_round_and_is_capped() {
        const DAY: i64 = 86_400_000;
        let now = 1_000 * DAY;
        let (start, end) = ReportFilter::default().period(now);
        assert_eq!(format_date(end - 1), format_date(now), "up to the end of today");
        assert_eq!(format_date(end), format_date(now + DAY));
        assert_eq!(format_date(start), format_date(now - 89 * DAY), "ninety days with today");
        assert_eq!(format_date(start - 1), format_date(now - 90 * DAY));
        let backwards = ReportFilter { from: Some(500 * DAY), to: Some(400 * DAY - 1), ..Default::default() };
        assert_eq!(backwards.period(now), (399 * DAY, 501 * DAY));
        let long = ReportFilter { from: Some(0), to: Some(5_000 * DAY - 1), ..Default::default() };
        assert_eq!(long.period(now), (5_000 * DAY - MAX_PERIOD_DAYS * DAY, 5_000 * DAY));
    }
}
