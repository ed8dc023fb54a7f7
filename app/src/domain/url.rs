//! Query-string values: percent-encoding with the `percent-encoding` crate (RFC 3986: everything but the
//! unreserved characters is escaped), decoding with `+` as a space and a bad escape kept as written.
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters (`A–Z a–z 0–9 - _ . ~`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes a value for a URL query or path segment.
pub fn url_encode(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// Decodes a query-string component (`+` is a space; a bad escape is kept as written).
pub fn url_decode(value: &str) -> String {
    percent_decode_str(&value.replace('+', " ")).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_decoding_undoes_encoding() {
        for text in ["山田 花子", "a+b&c=d%", "さとう/sato?"] {
            assert_eq!(url_decode(&url_encode(text)), text);
        }
        assert_eq!(url_encode("a b~c.d_e-f*"), "a%20b~c.d_e-f%2A");
        assert_eq!(url_decode("a+b%2"), "a b%2");
        assert_eq!(url_decode("%zz%41"), "%zzA");
    }
}
