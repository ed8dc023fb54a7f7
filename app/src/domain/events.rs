//! Events (information sessions) and their attendees.
use super::types::text_enum;
use serde::{Deserialize, Serialize};

text_enum!(
    /// What the event page's forms do.
    EventCommand { Add = "add", Attended = "attended", Absent = "absent", FollowUp = "follow_up" }
);

/// A new event as its form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewEvent {
    pub title: String,
    /// a day in the company's zone, `YYYY-MM-DD`
    pub date: String,
    /// `HH:MM`
    pub time: String,
    pub location: String,
}

impl NewEvent {
    /// What was typed, to show again when creating failed.
    pub fn typed(&self) -> [(&'static str, &str); 4] {
        [("title", &self.title), ("date", &self.date), ("time", &self.time), ("location", &self.location)]
    }
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
