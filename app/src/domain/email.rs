use super::normalize_text;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address, NFKC-normalised, trimmed and lower-cased, so that one person has one key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Msg> {
        let value = normalize_text(input).to_lowercase();
        if value.is_empty() {
            return Err(Msg::ErrRequired);
        }
        if value.len() > 254 || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Msg::ErrEmailInvalid);
        }
        let (local, domain) = value.rsplit_once('@').ok_or(Msg::ErrEmailInvalid)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_alphabetic()) && tld.len() >= 2);
        if local_ok && domain_ok {
            Ok(Self(value))
        } else {
            Err(Msg::ErrEmailInvalid)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::string_conversions!(Email);

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_width_and_space() {
        assert_eq!(Email::parse("  Hanako.Yamada@Example.COM ").unwrap().as_str(), "hanako.yamada@example.com");
        // full-width characters typed with a Japanese IME
        assert_eq!(Email::parse("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｃｏｍ").unwrap().as_str(), "hanako@example.com");
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "   ",
            "no-at-sign",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            ".a@b.com",
            "a..b@c.com",
            "a@-b.com",
            "山田@example.com",
            "a@b.c0m",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(Email::parse(" "), Err(Msg::ErrRequired));
    }

    #[test]
    fn length_limits() {
        let long_local = format!("{}@example.com", "a".repeat(65));
        assert!(Email::parse(&long_local).is_err());
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(64))).is_ok());
    }
}
