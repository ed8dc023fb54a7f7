//! CSV import: reading the file (RFC 4180), guessing which column is which, and checking each row with the same
//! rules as every other write.
use super::types::text_enum;
use super::{normalize_text, Email, FieldError, Profile};
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

text_enum!(
    /// What a column of an imported file holds.
    ImportField {
        Ignore = "ignore", FamilyName = "family_name", GivenName = "given_name", FullName = "full_name",
        FamilyKana = "family_name_kana", GivenKana = "given_name_kana", Email = "email", Phone = "phone",
        BirthDate = "birth_date", Location = "location", Skills = "skills",
    }
);

impl ImportField {
    pub fn label(self) -> Msg {
        match self {
            Self::Ignore => Msg::ImportIgnore,
            Self::FamilyName => Msg::FamilyNameLabel,
            Self::GivenName => Msg::GivenNameLabel,
            Self::FullName => Msg::NameLabel,
            Self::FamilyKana => Msg::FamilyKanaLabel,
            Self::GivenKana => Msg::GivenKanaLabel,
            Self::Email => Msg::EmailLabel,
            Self::Phone => Msg::PhoneLabel,
            Self::BirthDate => Msg::BirthDateLabel,
            Self::Location => Msg::LocationLabel,
            Self::Skills => Msg::SkillsLabel,
        }
    }

    /// A first guess from a header, in Japanese or English.
    pub fn guess(header: &str) -> Self {
        let h = normalize_text(header).to_lowercase().replace([' ', '_', '-', '・'], "");
        let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
        if has(&["mail", "メール"]) {
            Self::Email
        } else if has(&["phone", "tel", "電話", "携帯"]) {
            Self::Phone
        } else if has(&["birth", "生年月日", "誕生"]) {
            Self::BirthDate
        } else if has(&["skill", "スキル", "技術"]) {
            Self::Skills
        } else if has(&["location", "address", "住所", "所在地", "都道府県", "居住"]) {
            Self::Location
        } else if has(&["セイ", "姓カナ", "姓(カナ)", "familykana", "lastkana"]) {
            Self::FamilyKana
        } else if has(&["メイ", "名カナ", "名(カナ)", "givenkana", "firstkana"]) {
            Self::GivenKana
        } else if has(&["氏名", "名前", "fullname"]) || h == "name" {
            Self::FullName
        } else if has(&["family", "lastname", "surname"]) || h == "姓" || h == "氏" {
            Self::FamilyName
        } else if has(&["given", "firstname"]) || h == "名" {
            Self::GivenName
        } else {
            Self::Ignore
        }
    }
}

/// Decodes an uploaded file: UTF-8 (with or without a byte-order mark) when it is valid UTF-8, otherwise
/// Shift_JIS (CP932, what Excel in Japan writes). Returns the text and the encoding's name.
#[cfg(feature = "ssr")]
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::SHIFT_JIS.decode(bytes);
            (text.into_owned(), "Shift_JIS")
        }
    }
}

/// Parses CSV with the `csv` crate (RFC 4180: quoted fields may hold commas, quotes doubled, and line breaks;
/// CRLF or LF). Empty lines and lines of empty cells are skipped. Returns the rows with the line number each
/// started on, or the line of a quoted field left open at the end of the file.
#[cfg(feature = "ssr")]
pub fn parse_csv(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // the crate's own line count skips blank lines and the breaks inside quoted fields: count from byte offsets
    let (mut last_start, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|_| line)?;
        // a record's position may point at the line break before it (and blank lines): its first cell is after them
        let start = record.position().map_or(last_start, |p| p.byte() as usize);
        let rest = text.get(start..).unwrap_or_default();
        let start = start + rest.len() - rest.trim_start_matches(['\r', '\n']).len();
        line += text.get(last_start..start).unwrap_or_default().matches('\n').count();
        last_start = start;
        if record.iter().any(|cell| !cell.is_empty()) {
            rows.push((line, record.iter().map(str::to_owned).collect()));
        }
    }
    // the crate reads an unclosed quote to the end of the file as one field; that is a broken file, not data
    if ends_inside_quotes(text.get(last_start..).unwrap_or_default()) {
        return Err(line);
    }
    Ok(rows)
}

/// Whether the last record (from its start to the end of the file) leaves a quoted field open.
#[cfg(feature = "ssr")]
fn ends_inside_quotes(tail: &str) -> bool {
    let (mut quoted, mut field_start) = (false, true);
    let mut chars = tail.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if field_start => quoted = true,
            ',' | '\n' if !quoted => {
                field_start = true;
                continue;
            }
            _ => {}
        }
        field_start = false;
    }
    quoted
}

/// A row ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub email: Email,
    pub profile: super::ValidProfile,
    pub birth_date: Option<String>,
}

/// Checks one row against the mapping, with the rules of every other write. The error names the field.
pub fn check_row(cells: &[String], mapping: &[ImportField]) -> Result<ImportRow, FieldError> {
    let get = |field: ImportField| {
        mapping
            .iter()
            .position(|f| *f == field)
            .and_then(|i| cells.get(i))
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let (mut family, mut given) = (get(ImportField::FamilyName), get(ImportField::GivenName));
    if family.is_empty() && given.is_empty() {
        let full = normalize_text(&get(ImportField::FullName));
        if let Some((f, g)) = full.split_once(' ') {
            family = f.to_owned();
            given = g.to_owned();
        } else {
            family = full;
        }
    }
    let email = Email::parse(&get(ImportField::Email)).map_err(|m| FieldError::new("email", m))?;
    let birth_date =
        super::parse_birth_date(&get(ImportField::BirthDate)).map_err(|m| FieldError::new("birth_date", m))?;
    let profile = Profile {
        email: String::new(),
        family_name: family,
        given_name: given,
        family_name_kana: get(ImportField::FamilyKana),
        given_name_kana: get(ImportField::GivenKana),
        phone: get(ImportField::Phone),
        location: get(ImportField::Location),
        skills: get(ImportField::Skills).replace(['、', ';', '/'], ","),
        desired_roles: String::new(),
        desired_locations: String::new(),
    };
    let profile = profile
        .validate()
        .map_err(|errors| errors.into_iter().next().unwrap_or(FieldError::new("row", Msg::ErrInvalid)))?;
    Ok(ImportRow { email, profile, birth_date })
}

/// One row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: usize,
    pub field: String,
    pub message: Msg,
    /// another record this row may be (a duplicate is skipped, not imported twice)
    pub existing: Option<String>,
}

/// What an import (or its dry run) did or would do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub dry_run: bool,
    pub rows: usize,
    pub imported: usize,
    pub already_present: usize,
    pub problems: Vec<ImportProblem>,
    /// rows registered for the import's event (new and already present people alike)
    #[serde(default)]
    pub registered: usize,
}

/// An uploaded file waiting for its mapping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: String,
    pub file_name: String,
    pub encoding: String,
    pub headers: Vec<String>,
    pub mapping: Vec<ImportField>,
    pub sample: Vec<Vec<String>>,
    pub rows: usize,
    pub source_channel: String,
    pub tags: String,
    pub report: Option<ImportReport>,
    /// the import is waiting for or in the hands of the worker
    pub running: bool,
    /// rows the import has been through so far
    pub rows_done: usize,
    /// the event everyone in the file is registered for, and whether as having come
    pub event: Option<(String, bool)>,
    /// the import is done: its rows are gone, the report stays
    pub finished: bool,
    /// the import stopped because a batch kept failing
    pub failure: Option<ImportFailure>,
}

/// Why an import stopped: the first line of the batch that kept failing, the reason, how many tries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportFailure {
    pub line: usize,
    pub message: Msg,
    pub attempts: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn csv_fields_may_hold_commas_quotes_and_line_breaks() {
        let rows = parse_csv("姓,名,メモ\r\n山田,花子,\"a, \"\"b\"\"\nc\"\r\n\r\n鈴木,一郎,x").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].1, vec!["山田", "花子", "a, \"b\"\nc"]);
        assert_eq!((rows[1].0, rows[2].0), (2, 5));
        assert_eq!(parse_csv("a,\"open"), Err(1));
        // a file that is only an open quote, or whose open quote starts after a blank row, is broken at that line
        assert_eq!(parse_csv("\""), Err(1));
        assert_eq!(parse_csv("a,b\n\n,\"open\nmore"), Err(3));
        assert_eq!(parse_csv("a,b\n,,\n"), Ok(vec![(1, vec!["a".into(), "b".into()])]));
        assert_eq!(
            parse_csv("a,b\n,,\n\"c\",5\" inch\n"),
            Ok(vec![(1, vec!["a".into(), "b".into()]), (3, vec!["c".into(), "5\" inch".into()])])
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn shift_jis_is_detected_when_the_bytes_are_not_utf8() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("姓,名\n山田,花子");
        assert_eq!(decode(&sjis), ("姓,名\n山田,花子".to_owned(), "Shift_JIS"));
        assert_eq!(decode("\u{feff}a,b".as_bytes()), ("a,b".to_owned(), "UTF-8"));
    }

    #[test]
    fn headers_are_guessed_in_japanese_and_english() {
        let guesses: Vec<ImportField> = [
            "姓",
            "名",
            "セイ",
            "メイ",
            "メールアドレス",
            "電話番号",
            "生年月日",
            "E-mail",
            "Last name",
            "氏名",
            "備考",
        ]
        .iter()
        .map(|h| ImportField::guess(h))
        .collect();
        use ImportField::*;
        assert_eq!(
            guesses,
            [
                FamilyName, GivenName, FamilyKana, GivenKana, Email, Phone, BirthDate, Email, FamilyName, FullName,
                Ignore
            ]
        );
    }

    #[test]
    fn rows_are_checked_with_the_usual_rules() {
        use ImportField::*;
        let mapping = [FullName, Email, Phone, BirthDate];
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let ok = check_row(&row(&["山田　花子", "Hanako@Example.com", "090-1234-5678", "1990/4/1"]), &mapping).unwrap();
        assert_eq!((ok.email.as_str(), ok.birth_date.as_deref()), ("hanako@example.com", Some("1990-04-01")));
        assert_eq!(ok.profile.given_name.as_str(), "花子");
        assert_eq!(check_row(&row(&["山田 花子", "nope", "", ""]), &mapping).unwrap_err().field, "email");
        assert_eq!(check_row(&row(&["山田 花子", "a@example.com", "12", ""]), &mapping).unwrap_err().field, "phone");
        assert_eq!(
            check_row(&row(&["山田 花子", "a@example.com", "", "1990-13-01"]), &mapping).unwrap_err().field,
            "birth_date"
        );
    }
}
