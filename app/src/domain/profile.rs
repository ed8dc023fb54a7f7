use super::{normalize_text, FieldError, Kana, PersonName, PhoneNumber};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

const MAX_FREE_TEXT: usize = 200;
const MAX_LIST_ITEMS: usize = 30;

/// What a candidate provided, as the portal shows and edits it, and as its form posts it (every field optional:
/// what is missing is empty, and the rules say whether that will do).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub email: String,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    pub phone: String,
    pub location: String,
    pub skills: String,
    pub desired_roles: String,
    pub desired_locations: String,
}

/// An uploaded résumé, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredResume {
    pub id: String,
    pub file_name: String,
    pub size: i64,
    pub uploaded_at: i64,
}

/// A profile that passed every rule, normalised for storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProfile {
    pub family_name: PersonName,
    pub given_name: PersonName,
    pub family_name_kana: Option<Kana>,
    pub given_name_kana: Option<Kana>,
    pub phone: Option<PhoneNumber>,
    pub location: Option<String>,
    pub skills: Vec<String>,
    pub desired_roles: Vec<String>,
    pub desired_locations: Vec<String>,
}

fn optional<T>(
    value: &str,
    parse: impl Fn(&str) -> Result<T, Msg>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    if normalize_text(value).is_empty() {
        return None;
    }
    parse(value).map_err(|m| errors.push(FieldError::new(field, m))).ok()
}

/// A comma-separated list (full-width commas and 、 too), trimmed, without duplicates.
pub fn parse_list(value: &str, field: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut items: Vec<String> =
        normalize_text(value).split([',', '、', '，']).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect();
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(item.clone()));
    if items.len() > MAX_LIST_ITEMS || items.iter().any(|s| s.chars().count() > 50) {
        errors.push(FieldError::new(field, Msg::ErrTooLong));
    }
    items
}

/// A birth date as people write it (`1990-4-1`, `1990/04/01`, full-width digits) in the stored form
/// `YYYY-MM-DD`; empty is none.
pub fn parse_birth_date(value: &str) -> Result<Option<String>, Msg> {
    let normal = normalize_text(value).replace('/', "-");
    if normal.is_empty() {
        return Ok(None);
    }
    let parts: Vec<i64> = normal.split('-').map(|p| p.trim().parse().unwrap_or(0)).collect();
    match parts[..] {
        [y, m, d] if (1900..=2100).contains(&y) && super::dates::is_calendar_date(y, m, d) => {
            Ok(Some(format!("{y:04}-{m:02}-{d:02}")))
        }
        _ => Err(Msg::ErrDateInvalid),
    }
}

/// A person a recruiter adds by hand (a sourced candidate, someone met at an event), as the form posts it (the
/// profile's fields beside the others, not nested).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewCandidate {
    pub email: String,
    pub birth_date: String,
    pub source_channel: String,
    pub tags: String,
    #[serde(flatten)]
    pub profile: Profile,
}

/// A new candidate that passed every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidNewCandidate {
    pub email: super::Email,
    pub birth_date: Option<String>,
    pub source: super::SourceChannel,
    pub profile: ValidProfile,
}

impl NewCandidate {
    /// What was typed, to show again when adding failed.
    pub fn typed(&self) -> Vec<(&'static str, &str)> {
        let mut typed = vec![
            ("email", self.email.as_str()),
            ("birth_date", &self.birth_date),
            ("source_channel", &self.source_channel),
            ("tags", &self.tags),
        ];
        typed.extend(self.profile.typed().into_iter().filter(|(k, _)| *k != "desired_locations"));
        typed
    }

    /// The portal's rules for the profile, plus the e-mail (required), birth date and source channel.
    pub fn validate(&self) -> Result<ValidNewCandidate, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = super::Email::parse(&self.email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
        let birth_date =
            parse_birth_date(&self.birth_date).map_err(|m| errors.push(FieldError::new("birth_date", m))).ok();
        let source = super::SourceChannel::parse(&self.source_channel);
        if source.is_none() {
            errors.push(FieldError::new("source_channel", Msg::ErrInvalid));
        }
        let profile = self.profile.validate().map_err(|e| errors.extend(e)).ok();
        match (email, birth_date, source, profile) {
            (Some(email), Some(birth_date), Some(source), Some(profile)) if errors.is_empty() => {
                Ok(ValidNewCandidate { email, birth_date, source, profile })
            }
            _ => Err(errors),
        }
    }
}

impl Profile {
    /// The form's fields with what was typed, to show again when saving failed (the e-mail is not one of them:
    /// it is who the person is).
    pub fn typed(&self) -> [(&'static str, &str); 9] {
        [
            ("family_name", &self.family_name),
            ("given_name", &self.given_name),
            ("family_name_kana", &self.family_name_kana),
            ("given_name_kana", &self.given_name_kana),
            ("phone", &self.phone),
            ("location", &self.location),
            ("skills", &self.skills),
            ("desired_roles", &self.desired_roles),
            ("desired_locations", &self.desired_locations),
        ]
    }

    /// Checks every field; all errors at once so that the form can mark each field.
    pub fn validate(&self) -> Result<ValidProfile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let family_name =
            PersonName::parse(&self.family_name).map_err(|m| errors.push(FieldError::new("family_name", m))).ok();
        let given_name =
            PersonName::parse(&self.given_name).map_err(|m| errors.push(FieldError::new("given_name", m))).ok();
        let family_name_kana = optional(&self.family_name_kana, Kana::parse, "family_name_kana", &mut errors);
        let given_name_kana = optional(&self.given_name_kana, Kana::parse, "given_name_kana", &mut errors);
        let phone = optional(&self.phone, PhoneNumber::parse, "phone", &mut errors);
        let location = Some(normalize_text(&self.location)).filter(|l| !l.is_empty());
        if location.as_ref().is_some_and(|l| l.chars().count() > MAX_FREE_TEXT) {
            errors.push(FieldError::new("location", Msg::ErrTooLong));
        }
        let skills = parse_list(&self.skills, "skills", &mut errors);
        let desired_roles = parse_list(&self.desired_roles, "desired_roles", &mut errors);
        let desired_locations = parse_list(&self.desired_locations, "desired_locations", &mut errors);
        match (family_name, given_name) {
            (Some(family_name), Some(given_name)) if errors.is_empty() => Ok(ValidProfile {
                family_name,
                given_name,
                family_name_kana,
                given_name_kana,
                phone,
                location,
                skills,
                desired_roles,
                desired_locations,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_are_read_as_people_write_them() {
        assert_eq!(parse_birth_date("1990/4/1"), Ok(Some("1990-04-01".into())));
        assert_eq!(parse_birth_date("１９６５－１２－３１"), Ok(Some("1965-12-31".into())));
        assert_eq!(parse_birth_date("  "), Ok(None));
        for bad in ["1990-02-30", "1990-13-01", "1890-01-01", "昭和60年", "1990-1"] {
            assert_eq!(parse_birth_date(bad), Err(Msg::ErrDateInvalid), "{bad}");
        }
    }

    fn profile() -> Profile {
        Profile {
            family_name: "山田".into(),
            given_name: "花子".into(),
            family_name_kana: "やまだ".into(),
            given_name_kana: "ﾊﾅｺ".into(),
            phone: "０９０-１２３４-５６７８".into(),
            skills: "Rust、 SQL, Rust".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_profile_is_normalised() {
        let valid = profile().validate().unwrap();
        assert_eq!(valid.family_name_kana.unwrap().as_str(), "ヤマダ");
        assert_eq!(valid.given_name_kana.unwrap().as_str(), "ハナコ");
        assert_eq!(valid.phone.unwrap().as_str(), "+819012345678");
        assert_eq!(valid.skills, ["Rust", "SQL"]);
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = Profile { family_name: "".into(), given_name_kana: "Hanako".into(), phone: "12".into(), ..profile() };
        let fields: Vec<String> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["family_name", "given_name_kana", "phone"]);
    }
}
