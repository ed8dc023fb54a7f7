//! Whether one person gets one step now: a function of what is known about them at the moment of sending and of
//! the clock, so that every rule is tested with an injected time.
use super::{DelayUnit, SkipReason};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

/// What is true of a person when a step is due for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendFacts {
    /// not erased
    pub active: bool,
    /// applied (or re-applied) since they were enrolled
    pub applied_since: bool,
    /// their latest choice for the campaign's purpose is "granted"
    pub consent: bool,
    pub unsubscribed: bool,
    pub pause_until: Option<i64>,
    /// optional mail queued or sent to them in the last 30 days, and the most they asked for
    pub recent_optional: i64,
    pub monthly_cap: Option<i64>,
    /// still matches the segment (true when the campaign does not ask)
    pub in_segment: bool,
    /// the step is anchored to a date that lies ahead (six months after a rejection)
    pub not_before: Option<i64>,
    /// the step is anchored to an event the person never had (a rejection)
    pub anchor_missing: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Send,
    Skip(SkipReason),
    /// not yet: due again at this time (quiet hours, a date ahead)
    Wait(i64),
}

/// No optional mail between `from` and `to` o'clock in the zone (21 and 8 by default; equal hours: none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuietHours {
    pub from: u8,
    pub to: u8,
}

impl Default for QuietHours {
    fn default() -> Self {
        Self { from: 21, to: 8 }
    }
}

impl QuietHours {
    /// `"21-8"`, or `"off"`.
    pub fn parse(text: &str) -> Option<Self> {
        if text.trim() == "off" {
            return Some(Self { from: 0, to: 0 });
        }
        let (from, to) = text.trim().split_once('-')?;
        let (from, to) = (from.trim().parse::<u8>().ok()?, to.trim().parse::<u8>().ok()?);
        (from < 24 && to < 24).then_some(Self { from, to })
    }

    /// When the quiet hours that `now` falls in end, or None when `now` is not in them.
    pub fn until(self, now: i64, zone: &TimeZone) -> Option<i64> {
        if self.from == self.to {
            return None;
        }
        let here = Timestamp::from_millisecond(now).ok()?.to_zoned(zone.clone());
        let hour = here.hour() as u8;
        let quiet =
            if self.from > self.to { hour >= self.from || hour < self.to } else { hour >= self.from && hour < self.to };
        if !quiet {
            return None;
        }
        let mut end = here.date().to_datetime(jiff::civil::Time::new(self.to as i8, 0, 0, 0).ok()?);
        if end <= here.datetime() {
            end = end.checked_add(Span::new().days(1)).ok()?;
        }
        Some(end.to_zoned(zone.clone()).ok()?.timestamp().as_millisecond())
    }
}

/// Whether the step goes to the person now. The first rule that applies decides: gone, applied, no consent,
/// unsubscribed, paused, out of the segment (each ends their sequence), never rejected for a step counted from a
/// rejection (this step skipped), a date ahead (wait), over their monthly cap (this step skipped), quiet hours (wait until morning), else send.
pub fn decide(facts: &SendFacts, now: i64, quiet: QuietHours, zone: &TimeZone) -> Decision {
    let skip = if !facts.active {
        Some(SkipReason::Erased)
    } else if facts.applied_since {
        Some(SkipReason::Applied)
    } else if !facts.consent {
        Some(SkipReason::NoConsent)
    } else if facts.unsubscribed {
        Some(SkipReason::Unsubscribed)
    } else if facts.pause_until.is_some_and(|until| until > now) {
        Some(SkipReason::Paused)
    } else if !facts.in_segment {
        Some(SkipReason::LeftSegment)
    } else {
        None
    };
    if let Some(reason) = skip {
        return Decision::Skip(reason);
    }
    if facts.anchor_missing {
        return Decision::Skip(SkipReason::NoRejection);
    }
    if let Some(at) = facts.not_before.filter(|at| *at > now) {
        return Decision::Wait(at);
    }
    if facts.monthly_cap.is_some_and(|cap| facts.recent_optional >= cap) {
        return Decision::Skip(SkipReason::Cap);
    }
    match quiet.until(now, zone) {
        Some(morning) => Decision::Wait(morning),
        None => Decision::Send,
    }
}

/// When a step with this delay is due, counted from `base` in the zone (calendar days and months).
pub fn step_due(base: i64, delay: i64, unit: DelayUnit, zone: &TimeZone) -> i64 {
    let span = match unit {
        DelayUnit::Days => Span::new().try_days(delay),
        DelayUnit::Months => Span::new().try_months(delay),
    };
    let later =
        Timestamp::from_millisecond(base).ok().and_then(|at| at.to_zoned(zone.clone()).checked_add(span.ok()?).ok());
    later.map_or(base, |at| at.timestamp().as_millisecond())
}
