//! Signing up in the portal (someone who is not a candidate yet, or who was erased and comes back).
use super::{Email, FieldError, Profile, ValidProfile};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// What the sign-up form asks: the address and the person's name. The optional purposes are asked on the
/// confirmation page, by whoever holds the mailbox — never by whoever typed the address in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignUpForm {
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
}

impl SignUpForm {
    /// The address and the name, with the portal's rules; every field's error at once.
    pub fn validate(&self) -> Result<(Email, ValidProfile), Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = Email::parse(&self.email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
        let profile = Profile {
            family_name: self.family_name.clone(),
            given_name: self.given_name.clone(),
            family_name_kana: self.family_name_kana.clone(),
            given_name_kana: self.given_name_kana.clone(),
            ..Default::default()
        };
        let profile = profile.validate().map_err(|e| errors.extend(e)).ok();
        match (email, profile) {
            (Some(email), Some(profile)) if errors.is_empty() => Ok((email, profile)),
            _ => Err(if errors.is_empty() { vec![FieldError::new("email", Msg::ErrInvalid)] } else { errors }),
        }
    }
}

/// What a registration link would do now, with what the confirmation page shows: the name it registers and the
/// policy texts of the two optional purposes, in the viewer's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUpLink {
    /// "valid", "used", "expired" or "invalid"
    pub state: String,
    pub name: String,
    pub talent_pool: String,
    pub job_news: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_up_needs_an_address_and_a_name() {
        let form = SignUpForm {
            email: " Hanako@Example.com ".into(),
            family_name: "山田".into(),
            given_name: "花子".into(),
            ..Default::default()
        };
        let (email, profile) = form.validate().unwrap();
        assert_eq!(email.as_str(), "hanako@example.com");
        assert_eq!(profile.family_name.as_str(), "山田");
        let bad = SignUpForm { email: "nope".into(), ..Default::default() }.validate().unwrap_err();
        let fields: Vec<&str> = bad.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "family_name", "given_name"]);
    }
}
