//! Jobs as recruiters manage them.
use super::types::text_enum;
use serde::{Deserialize, Serialize};

/// A job, as recruiters manage it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: String,
    pub title_ja: String,
    pub title_en: String,
    pub department: String,
    pub location: String,
    pub employment_type: String,
    pub open: bool,
    pub description_ja: String,
    pub description_en: String,
    pub applications: i64,
}

text_enum!(
    EmploymentType {
        FullTime = "full_time", PartTime = "part_time", Contract = "contract", Internship = "internship",
        NewGraduate = "new_graduate",
    }
);

pub const MAX_JOB_DESCRIPTION_CHARS: usize = 10_000;
const MAX_JOB_FIELD_CHARS: usize = 200;

/// What a recruiter typed for a job.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct JobInput {
    pub title_ja: String,
    pub title_en: String,
    pub department: String,
    pub location: String,
    pub employment_type: String,
    pub open: bool,
    pub description_ja: String,
    pub description_en: String,
}

impl JobInput {
    /// What was typed, to show again when saving failed.
    pub fn typed(&self) -> [(&'static str, &str); 7] {
        [
            ("title_ja", &self.title_ja),
            ("title_en", &self.title_en),
            ("department", &self.department),
            ("location", &self.location),
            ("employment_type", &self.employment_type),
            ("description_ja", &self.description_ja),
            ("description_en", &self.description_en),
        ]
    }

    /// The job normalised (NFKC, trimmed), or an error at every bad field.
    pub fn validate(&self, max_description: usize) -> Result<JobInput, super::AppError> {
        use crate::i18n::Msg;
        let mut errors = Vec::new();
        let mut line = |field: &str, value: &str| super::required_line(field, value, MAX_JOB_FIELD_CHARS, &mut errors);
        let title_ja = line("title_ja", &self.title_ja);
        let title_en = line("title_en", &self.title_en);
        let department = line("department", &self.department);
        let location = line("location", &self.location);
        if EmploymentType::parse(&self.employment_type).is_none() {
            errors.push(super::FieldError::new("employment_type", Msg::ErrInvalid));
        }
        let mut text = |field: &str, value: &str| {
            let value = value.replace("\r\n", "\n").trim().to_owned();
            if value.chars().count() > max_description {
                errors.push(super::FieldError::new(field, Msg::ErrTooLong));
            }
            value
        };
        let description_ja = text("description_ja", &self.description_ja);
        let description_en = text("description_en", &self.description_en);
        if !errors.is_empty() {
            return Err(super::AppError::Validation(errors));
        }
        Ok(JobInput {
            title_ja,
            title_en,
            department,
            location,
            employment_type: self.employment_type.clone(),
            open: self.open,
            description_ja,
            description_en,
        })
    }
}

/// An open job to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobOption {
    pub id: String,
    pub title: String,
}
