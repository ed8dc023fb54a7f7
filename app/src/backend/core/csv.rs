//! CSV files people open in a spreadsheet, written with the `csv` crate (RFC 4180: quoted as needed, CRLF),
//! starting with a byte-order mark so that Excel reads the Japanese correctly. A cell that would start a formula
//! (`=`, `+`, `-`, `@`, or a tab or carriage return before one) is prefixed with an apostrophe.

/// A CSV document being written.
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for Sheet {
    fn default() -> Self {
        Self::new()
    }
}

impl Sheet {
    pub fn new() -> Self {
        Self { writer: writer_onto("\u{feff}".as_bytes().to_vec()) }
    }

    /// One line; every cell neutralised.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        let cells = cells.iter().map(|c| neutral(c.as_ref()).into_owned());
        // writing into memory cannot fail
        self.writer.write_record(cells).expect("a CSV row written to memory");
    }

    /// An empty line between two parts of a sheet (the crate writes an empty record as `""`).
    pub fn blank(&mut self) {
        let written = std::mem::replace(&mut self.writer, writer_onto(Vec::new()));
        let mut bytes = written.into_inner().unwrap_or_default();
        bytes.extend_from_slice(b"\r\n");
        self.writer = writer_onto(bytes);
    }

    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().map(|b| b.to_vec()).unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// A writer that goes on after what `bytes` hold already.
fn writer_onto(bytes: Vec<u8>) -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(bytes)
}

/// A cell a spreadsheet shows as text, never runs as a formula.
fn neutral(value: &str) -> std::borrow::Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}").into(),
        _ => value.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[&str]) -> String {
        let mut sheet = Sheet::new();
        sheet.row(cells);
        sheet.finish().trim_start_matches('\u{feff}').to_owned()
    }

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(line(&["=HYPERLINK(\"x\")"]), "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
        assert_eq!(line(&["+81 90"]), "'+81 90\r\n");
        assert_eq!(line(&["-1"]), "'-1\r\n");
        assert_eq!(line(&["@SUM(A1)"]), "'@SUM(A1)\r\n");
        assert_eq!(line(&["山田, 花子"]), "\"山田, 花子\"\r\n");
        assert_eq!(line(&["plain"]), "plain\r\n");
        assert_eq!(line(&["a", "b"]), "a,b\r\n");
        assert_eq!(line(&["two\nlines"]), "\"two\nlines\"\r\n");
        assert!(Sheet::new().finish().starts_with('\u{feff}'));
        let mut sheet = Sheet::new();
        sheet.row(&["a"]);
        sheet.blank();
        sheet.row(&["b"]);
        assert_eq!(sheet.finish(), "\u{feff}a\r\n\r\nb\r\n");
    }
}
