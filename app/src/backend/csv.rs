//! CSV writing (RFC 4180) that is safe to open in a spreadsheet: a cell that would start a formula
//! (`=`, `+`, `-`, `@`, or a tab or carriage return before one) is prefixed with an apostrophe.

/// One cell, neutralised and quoted when needed.
pub fn cell(value: &str) -> String {
    let neutral = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// One line, ending in CRLF as RFC 4180 asks.
pub fn row(cells: &[&str]) -> String {
    let mut line = cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_quotes_escaped() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+81 90"), "'+81 90");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("山田, 花子"), "\"山田, 花子\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(row(&["a", "b"]), "a,b\r\n");
    }
}
