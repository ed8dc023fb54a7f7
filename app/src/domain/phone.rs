use super::normalize_text;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// Longer than any number with its spaces and hyphens.
const MAX_INPUT_CHARS: usize = 40;
const HYPHENS: &[char] = &['ー', '−', '‐', '‑', '–', '—', '―', 'ｰ'];

/// A phone number in E.164 (`+819012345678`). Numbers without a country code are taken as Japanese.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Parses a number with libphonenumber's metadata (the `phonenumber` crate): a national number is Japanese,
    /// one with `+` or `00` carries its country; a number the region's rules call impossible is refused, and so
    /// is an extension or a letter (libphonenumber would read letters as a keypad's digits).
    pub fn parse(input: &str) -> Result<Self, Msg> {
        let text = normalize_text(input);
        if text.is_empty() {
            return Err(Msg::ErrRequired);
        }
        // the hyphens Japanese keyboards type, the katakana long-vowel mark among them
        let text: String = text.chars().map(|c| if HYPHENS.contains(&c) { '-' } else { c }).collect();
        if text.chars().count() > MAX_INPUT_CHARS || text.chars().any(char::is_alphabetic) {
            return Err(Msg::ErrPhoneInvalid);
        }
        let (region, text) = match text.strip_prefix("00") {
            Some(rest) => (None, format!("+{rest}")),
            None if text.starts_with('+') => (None, text),
            None => (Some(phonenumber::country::Id::JP), text),
        };
        let number = phonenumber::parse(region, &text).map_err(|_| Msg::ErrPhoneInvalid)?;
        let digits = number.national().value().to_string().len() + usize::from(number.national().zeros());
        // the crate matches a region's patterns from the start only: Japan's lengths are checked here
        let length_ok = number.code().value() != 81 || (9..=10).contains(&digits);
        if !number.is_valid() || number.extension().is_some() || !length_ok {
            return Err(Msg::ErrPhoneInvalid);
        }
        Ok(Self(number.format().mode(phonenumber::Mode::E164).to_string()))
    }

    /// A number read back from the database: parsed again (so one stored by an older parser, `+81090…`,
    /// compares equal to what is typed today), or kept as stored when today's rules refuse it, so that erasure
    /// and duplicate checks still see it.
    pub fn from_stored(stored: &str) -> Self {
        Self::parse(stored).unwrap_or_else(|_| Self(stored.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::string_conversions!(PhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_numbers_default_to_plus_81() {
        assert_eq!(PhoneNumber::parse("090-1234-5678").unwrap().as_str(), "+819012345678");
        assert_eq!(PhoneNumber::parse("03-1234-5678").unwrap().as_str(), "+81312345678");
        assert_eq!(PhoneNumber::parse("０９０ー１２３４ー５６７８").unwrap().as_str(), "+819012345678");
        assert_eq!(PhoneNumber::parse("(03) 1234 5678").unwrap().as_str(), "+81312345678");
    }

    #[test]
    fn international_numbers_keep_their_country() {
        assert_eq!(PhoneNumber::parse("+1 415 555 0100").unwrap().as_str(), "+14155550100");
        assert_eq!(PhoneNumber::parse("0044 20 7946 0958").unwrap().as_str(), "+442079460958");
        assert_eq!(PhoneNumber::parse("+81 90 1234 5678").unwrap().as_str(), "+819012345678");
    }

    #[test]
    fn stored_numbers_are_read_back_whatever_parser_wrote_them() {
        // the hand-written parser before libphonenumber kept the trunk zero after +81
        assert_eq!(PhoneNumber::from_stored("+8109012345678").as_str(), "+819012345678");
        assert_eq!(PhoneNumber::from_stored("+819012345678").as_str(), "+819012345678");
        assert_eq!(PhoneNumber::from_stored("+999123").as_str(), "+999123");
    }

    #[test]
    fn refuses_garbage() {
        for bad in [
            "abc",
            "12345",
            "090-1234",
            "+0 123 4567 890",
            "090-1234-5678 ext 2",
            "0000000000",
            "03-1234-56789",
            "090-1234-5678-0000-0000-0000-0000-0000-0000",
        ] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(PhoneNumber::parse(""), Err(Msg::ErrRequired));
    }

    #[test]
    fn impossible_numbers_are_refused_by_their_region_rules() {
        // a mobile number one digit short, a Japanese area code that does not exist, a US exchange beginning 0
        for bad in ["090-123-4567", "05-1234-5678", "+1 212 055 0100"] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(PhoneNumber::parse("+33 6 12 34 56 78").unwrap().as_str(), "+33612345678");
        // a UK number without its area's digits
        assert!(PhoneNumber::parse("+44 12").is_err());
    }
}
