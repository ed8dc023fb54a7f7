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

pub use crate::i18n::stage_msg as stage_label;

/// The zone times are shown in on this page: the viewer's where the server knows it (see `ViewerZone`), else the
/// company's.
pub fn use_zone() -> jiff::tz::TimeZone {
    use_context::<crate::domain::ViewerZone>().map(|z| z.0).unwrap_or_else(crate::domain::company_zone)
}

/// A date as the viewer reads it, YYYY-MM-DD.
pub fn format_date(ms: i64) -> String {
    crate::domain::format_date_in(ms, &use_zone())
}

/// A time as the viewer reads it, YYYY-MM-DD HH:MM.
pub fn format_datetime(ms: i64) -> String {
    crate::domain::format_datetime_in(ms, &use_zone())
}
