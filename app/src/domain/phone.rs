use super::normalize_text;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// A phone number in E.164 (`+819012345678`). Numbers without a country code are taken as Japanese.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<Self, Msg> {
        let text = normalize_text(input);
        if text.is_empty() {
            return Err(Msg::ErrRequired);
        }
        let international = text.starts_with('+') || text.starts_with("00");
        let mut digits = String::new();
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' | '-' | ' ' | '(' | ')' | '.' | 'ー' | '−' | '‐' => {}
                _ => return Err(Msg::ErrPhoneInvalid),
            }
        }
        let e164 = if international {
            digits.strip_prefix("00").unwrap_or(&digits).to_owned()
        } else if let Some(national) = digits.strip_prefix('0') {
            // Japanese national numbers: 0 + 9 or 10 digits
            if !(9..=10).contains(&national.len()) || national.starts_with('0') {
                return Err(Msg::ErrPhoneInvalid);
            }
            format!("81{national}")
        } else {
            return Err(Msg::ErrPhoneInvalid);
        };
        if !(8..=15).contains(&e164.len()) || e164.starts_with('0') {
            return Err(Msg::ErrPhoneInvalid);
        }
        Ok(Self(format!("+{e164}")))
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
    fn refuses_garbage() {
        for bad in ["abc", "12345", "090-1234", "+0 123 4567 890", "090-1234-5678 ext 2", "0000000000"] {
            assert!(PhoneNumber::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(PhoneNumber::parse(""), Err(Msg::ErrRequired));
    }
}
