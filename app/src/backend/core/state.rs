use super::db::Db;
use std::path::PathBuf;
use std::sync::Arc;

/// Settings the server functions need, read once at start-up by the `kizuna` binary.
#[derive(Clone, Debug)]
pub struct Config {
    /// Public address used in links sent by mail, without a trailing slash.
    pub base_url: String,
    pub data_dir: PathBuf,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Cookies get `Secure` and the `__Host-` prefix unless the site is served over plain http.
    pub secure_cookies: bool,
    /// How many proxies of our own stand in front (`KIZUNA_TRUST_PROXY`): the client's address is that many
    /// entries from the right of `X-Forwarded-For`; 0 takes the socket's peer.
    pub trust_proxy: usize,
    /// Sign-in links one address may ask for in 15 minutes.
    pub links_per_address: i64,
    /// The key of the erased people's fingerprints (see `suppression`).
    pub secret: super::crypto::Secret,
    /// How long an unfinished CSV import (personal data) is kept, in days.
    pub import_retention_days: i64,
    /// No campaign or automated optional mail in these hours of the company's zone (`KIZUNA_QUIET_HOURS`).
    pub quiet_hours: crate::domain::campaigns::QuietHours,
    /// Campaign mails all servers together queue per minute at most (`KIZUNA_SEND_RATE`).
    pub send_rate: i64,
}

impl Config {
    pub fn mail_domain(&self) -> String {
        let host =
            self.base_url.split("://").nth(1).unwrap_or(&self.base_url).split(['/', ':']).next().unwrap_or("localhost");
        if host.chars().any(|c| c.is_ascii_alphabetic()) {
            host.to_owned()
        } else {
            "kizuna.localhost".to_owned()
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}
