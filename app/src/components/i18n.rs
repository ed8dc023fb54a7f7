use crate::i18n::{Lang, Msg};
use leptos::prelude::*;

/// The language of the page being rendered (provided by the shell on the server).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// A message in the page's language.
pub fn t(msg: Msg) -> &'static str {
    msg.text(use_lang())
}

/// Where an application stands, in the company's words (recruiters and agencies, never the candidate).
pub fn stage_label(stage: crate::domain::Stage, outcome: Option<crate::domain::Outcome>) -> Msg {
    use crate::domain::{Outcome, Stage};
    match (outcome, stage) {
        (Some(Outcome::Rejected), _) => Msg::OutcomeRejected,
        (Some(Outcome::Withdrawn), _) => Msg::OutcomeWithdrawn,
        (None, Stage::Applied) => Msg::StageApplied,
        (None, Stage::Screening) => Msg::StageScreening,
        (None, Stage::Interview) => Msg::StageInterview,
        (None, Stage::Offer) => Msg::StageOffer,
        (None, Stage::Hired) => Msg::StageHired,
    }
}

pub use crate::domain::{format_date, format_datetime};
