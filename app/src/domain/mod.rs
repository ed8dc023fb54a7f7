//! Types shared by the portal, the admin area and the backend: parsed once, valid afterwards.
/// `TryFrom<String>` through `parse` (so serde refuses bad data) and `From<T> for String`, for value types.
macro_rules! string_conversions {
    ($($t:ty),*) => {$(
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value).map_err(|m| m.code().to_owned())
            }
        }
        impl From<$t> for String {
            fn from(value: $t) -> Self {
                value.0
            }
        }
    )*};
}
pub(crate) use string_conversions;

pub mod analytics;
mod audit;
pub mod automations;
pub mod campaigns;
mod candidate_list;
mod candidates;
mod choice;
mod consent;
mod dashboard;
mod dates;
mod email;
mod error;
mod events;
mod flash;
mod import;
mod interviews;
mod invitations;
mod jobs;
mod links;
mod mailbox;
mod mydata;
mod name;
mod phone;
mod pipeline;
mod portal;
mod preferences;
mod profile;
mod reasons;
mod relay;
pub mod segments;
mod signup;
mod templates;
mod types;
mod url;
mod users;

pub use audit::*;
pub use candidate_list::*;
pub use candidates::*;
pub use choice::Choice;
pub use consent::*;
pub use dashboard::*;
pub use dates::{
    at_time_of_day, company_zone, days_before, format_date, format_date_in, format_datetime, format_datetime_in,
    months_after, parse_date, parse_date_end, parse_date_in, parse_time_of_day, set_company_zone, zone, ViewerZone,
    DEFAULT_ZONE,
};
pub use email::Email;
pub use error::{AppError, FieldError};
pub use events::*;
pub use flash::Flash;
pub use import::*;
pub use interviews::*;
pub use invitations::*;
pub use jobs::*;
pub use links::{local_admin_path, local_path, without_address, without_tokens, TOKEN_REMOVED};
pub use mailbox::*;
pub use mydata::*;
pub use name::{Kana, PersonName};
pub use phone::PhoneNumber;
pub use pipeline::*;
pub use portal::*;
pub use preferences::*;
pub use profile::*;
pub use reasons::*;
pub use relay::*;
pub use signup::{SignUpForm, SignUpLink};
pub use templates::*;
pub use types::*;
pub use url::{url_decode, url_encode};
pub use users::*;

use unicode_normalization::UnicodeNormalization;

/// NFKC, trimmed, runs of white space collapsed to one ASCII space.
pub fn normalize_text(input: &str) -> String {
    let nfkc: String = input.nfkc().collect();
    nfkc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A one-line field that must be given: normalised, with an error for `field` when empty or over `max` characters.
pub fn required_line(field: &str, value: &str, max: usize, errors: &mut Vec<FieldError>) -> String {
    let value = normalize_text(value);
    if value.is_empty() {
        errors.push(FieldError::new(field, crate::i18n::Msg::ErrRequired));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, crate::i18n::Msg::ErrTooLong));
    }
    value
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalize_text_handles_ideographic_space_and_width() {
        assert_eq!(super::normalize_text("　ＡＢＣ　　ｄｅｆ "), "ABC def");
        assert_eq!(super::normalize_text("ｶﾞｯｺｳ"), "ガッコウ");
    }
}
