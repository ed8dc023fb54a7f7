//! Links in mail that act for someone (sign in, refer, unsubscribe, set a password) carry a 256-bit token as 64
//! hexadecimal digits. Once a message is delivered its stored copy loses them, so nobody who reads the outbox
//! later — an admin, a backup, an export — holds a link that still works.

/// What stands where a token was.
pub const TOKEN_REMOVED: &str = "[…]";

/// The text with every run of 64 or more hexadecimal digits (a token) replaced by [`TOKEN_REMOVED`].
pub fn without_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 64 {
            out.push_str(TOKEN_REMOVED);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A path on this site to send a browser back to, safe as a `Location` header: local only (never `//host` or a
/// backslash), no control characters, anything beyond ASCII percent-encoded. None for anything else.
pub fn local_path(path: &str) -> Option<String> {
    if !path.starts_with('/') || path.starts_with("//") || path.contains('\\') || path.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii() && c != ' ' {
            out.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(out)
}

/// A path inside /admin for a form to come back to, without its query (never another site); `/admin` for
/// anything else.
pub fn local_admin_path(back: &str) -> String {
    let path = back.split(['?', '#']).next().unwrap_or_default();
    if path.starts_with("/admin/") && !path.contains("//") && !path.contains('\\') {
        path.to_owned()
    } else {
        "/admin".to_owned()
    }
}

/// An error text with the recipient's address taken out (an SMTP server's reply often repeats it).
pub fn without_address(text: &str, address: &str) -> String {
    if address.is_empty() {
        return text.to_owned();
    }
    text.replace(address, "<recipient>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_go_and_everything_else_stays() {
        let token = "ab".repeat(32);
        let body = format!("佐藤 様\nhttps://k.example/portal/sign-in/link/{token}?next=relay\nID 2026-0001 cafe\n");
        let scrubbed = without_tokens(&body);
        assert_eq!(scrubbed, "佐藤 様\nhttps://k.example/portal/sign-in/link/[…]?next=relay\nID 2026-0001 cafe\n");
        assert_eq!(without_tokens(&"f".repeat(63)), "f".repeat(63));
        assert_eq!(without_tokens(&format!("x{}", "0".repeat(70))), "x[…]");
        assert_eq!(
            without_address("550 <a@b.example>: no such user", "a@b.example"),
            "550 <<recipient>>: no such user"
        );
        assert_eq!(local_path("/admin/candidates?q=佐藤").as_deref(), Some("/admin/candidates?q=%E4%BD%90%E8%97%A4"));
        for bad in ["//evil.example/", "https://evil.example/", "/\\evil", "/a\r\nSet-Cookie: x", ""] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }
}
