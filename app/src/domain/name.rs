use super::normalize_text;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

const MAX_NAME_CHARS: usize = 50;

/// A family or given name: NFKC (half-width katakana become full-width), inner spaces collapsed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(input: &str) -> Result<Self, Msg> {
        let value = normalize_text(input);
        if value.is_empty() {
            return Err(Msg::ErrRequired);
        }
        if value.chars().count() > MAX_NAME_CHARS {
            return Err(Msg::ErrTooLong);
        }
        if value.chars().any(|c| c.is_ascii_digit() || "<>@#$%^*=_{}[]|\\/\"".contains(c)) {
            return Err(Msg::ErrNameInvalid);
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name's reading in katakana. Hiragana is accepted and stored as katakana so that searches match either.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Kana(String);

impl Kana {
    pub fn parse(input: &str) -> Result<Self, Msg> {
        let value: String = normalize_text(input)
            .chars()
            .map(|c| match c {
                'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
                _ => c,
            })
            .collect();
        if value.is_empty() {
            return Err(Msg::ErrRequired);
        }
        if value.chars().count() > MAX_NAME_CHARS {
            return Err(Msg::ErrTooLong);
        }
        if !value.chars().all(|c| matches!(c, 'ァ'..='ヺ' | 'ー' | '・' | ' ')) {
            return Err(Msg::ErrKanaInvalid);
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

super::string_conversions!(PersonName, Kana);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_names_are_normalised() {
        assert_eq!(PersonName::parse("  山田 ").unwrap().as_str(), "山田");
        assert_eq!(PersonName::parse("ﾔﾏﾀﾞ").unwrap().as_str(), "ヤマダ");
        assert_eq!(PersonName::parse("Mary　Ann").unwrap().as_str(), "Mary Ann");
        assert_eq!(PersonName::parse("O'Brien").unwrap().as_str(), "O'Brien");
    }

    #[test]
    fn names_refuse_empty_long_and_junk() {
        assert_eq!(PersonName::parse("　"), Err(Msg::ErrRequired));
        assert_eq!(PersonName::parse(&"あ".repeat(51)), Err(Msg::ErrTooLong));
        assert_eq!(PersonName::parse("<script>"), Err(Msg::ErrNameInvalid));
        assert_eq!(PersonName::parse("R2D2"), Err(Msg::ErrNameInvalid));
    }

    #[test]
    fn kana_accepts_hiragana_and_half_width() {
        assert_eq!(Kana::parse("やまだ").unwrap().as_str(), "ヤマダ");
        assert_eq!(Kana::parse("ﾊﾅｺ").unwrap().as_str(), "ハナコ");
        assert_eq!(Kana::parse("スズキ・ジョー").unwrap().as_str(), "スズキ・ジョー");
        assert_eq!(Kana::parse("Yamada"), Err(Msg::ErrKanaInvalid));
        assert_eq!(Kana::parse("山田"), Err(Msg::ErrKanaInvalid));
    }
}
