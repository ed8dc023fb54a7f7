//! A report as CSV: the same rows and figures as the tables on the page, in the reader's language.
use crate::backend::core::csv::Sheet;
use crate::domain::analytics::{Funnel, FunnelView};
use crate::domain::format_date;
use crate::i18n::{stage_msg, Lang, Msg};

/// The funnel's two tables (stages, then rejections and withdrawals), separated by a blank line.
pub fn funnel_csv(funnel: &Funnel, lang: Lang) -> String {
    let mut sheet = Sheet::new();
    let view = match funnel.view {
        FunnelView::Cohort => Msg::FunnelCohort,
        FunnelView::Activity => Msg::FunnelActivity,
    };
    // the period's last day is the one before its (exclusive) end
    let period = format!("{} – {}", format_date(funnel.start), format_date(funnel.end - 1));
    sheet.row(&[Msg::FunnelViewLabel.text(lang), view.text(lang)]);
    sheet.row(&[Msg::PeriodShown.text(lang), &period]);
    sheet.blank();
    let count = if funnel.view == FunnelView::Cohort { Msg::ColApplications } else { Msg::ColMoves };
    sheet.row(&[Msg::ColStage.text(lang), count.text(lang), Msg::ColPassThrough.text(lang)]);
    for stage in &funnel.stages {
        sheet.row(&[
            stage_msg(stage.stage, None).text(lang).to_owned(),
            stage.count.to_string(),
            stage.pass_through.map(|p| format!("{p}%")).unwrap_or_default(),
        ]);
    }
    sheet.blank();
    sheet.row(&[Msg::ColEndedAt.text(lang), Msg::OutcomeLabel.text(lang), Msg::ColReason.text(lang), count.text(lang)]);
    for drop in &funnel.drop_offs {
        let reason = if drop.reason.is_empty() { Msg::NoReasonGiven.text(lang) } else { &drop.reason };
        sheet.row(&[
            stage_msg(drop.stage, None).text(lang),
            stage_msg(drop.stage, Some(drop.outcome)).text(lang),
            reason,
            &drop.count.to_string(),
        ]);
    }
    sheet.finish()
}
