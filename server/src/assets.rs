//! The built assets under `/pkg`. A release build names them by their content (cargo-leptos `hash-files`:
//! `kizuna.<hash>.wasm`, with the hashes in `hash.txt` beside the binary), so a browser may keep them for a year
//! without asking again; anything else there is revalidated (`no-cache`, answered 304 while unchanged).
use leptos::config::LeptosOptions;
use std::path::PathBuf;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";

/// The options the pages render with: hashed names when the build left `hash.txt` beside this binary (read once,
/// here, at start-up).
pub fn leptos_options(site_addr: std::net::SocketAddr, site_root: &str) -> LeptosOptions {
    let hashes = std::fs::read_to_string(hash_file()).ok();
    if hashes.is_none() && has_hashed_files(&PathBuf::from(site_root).join("pkg")) {
        // the pages would name unhashed files that the build did not write: every page would lose its style
        tracing::warn!(
            "{}/pkg holds hashed files but {} is missing: copy hash.txt beside the binary (cargo leptos writes it there)",
            site_root,
            hash_file().display()
        );
    }
    let css = hashes.as_deref().and_then(|h| hash_of(h, "css"));
    app::backend::core::render::set_stylesheet(match css {
        Some(hash) => format!("/pkg/kizuna.{hash}.css"),
        None => "/pkg/kizuna.css".to_owned(),
    });
    LeptosOptions::builder()
        .output_name("kizuna")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(site_addr)
        .hash_files(hashes.is_some())
        .build()
}

/// Whether a release build with hashed names wrote this folder.
fn has_hashed_files(pkg: &std::path::Path) -> bool {
    std::fs::read_dir(pkg)
        .is_ok_and(|entries| entries.flatten().any(|e| cache_control(&e.file_name().to_string_lossy()) == IMMUTABLE))
}

/// Where cargo-leptos writes the hashes: beside the server binary (where leptos's own scripts look too).
fn hash_file() -> PathBuf {
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt"))).unwrap_or_default()
}

/// The hash of one kind of file in `hash.txt` (`css: <hash>` lines).
fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes.lines().find_map(|line| line.trim().strip_prefix(kind)?.strip_prefix(':')).map(str::trim)
}

/// How long a browser may keep a file under `/pkg`: a year when its name carries its content's hash
/// (`name.<22 base64url characters>.ext`), else it asks again each time.
pub fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    let hashed = parts.len() >= 3
        && parts
            .iter()
            .rev()
            .skip(1)
            .take(parts.len() - 2)
            .any(|p| p.len() == 22 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    if hashed {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_names_are_kept_for_a_year() {
        assert_eq!(cache_control("/pkg/kizuna.gt_CqG-CHfAyvI2psz9D4Q.wasm"), IMMUTABLE);
        assert_eq!(cache_control("/pkg/kizuna.gt_CqG-CHfAyvI2psz9D4Q.wasm.br"), IMMUTABLE);
        assert_eq!(cache_control("/pkg/kizuna.css"), REVALIDATE);
        assert_eq!(cache_control("/pkg/kizuna_bg.wasm"), REVALIDATE);
        assert_eq!(cache_control("/pkg/snippets/x.js"), REVALIDATE);
    }

    #[test]
    fn hashes_are_read_per_kind() {
        let file = "js: abc\nwasm: def\ncss: ghi\n";
        assert_eq!(hash_of(file, "css"), Some("ghi"));
        assert_eq!(hash_of(file, "wasm"), Some("def"));
        assert_eq!(hash_of(file, "manifest"), None);
    }
}
