//! Configuration from the environment (documented in the README).
use app::backend::Config;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Settings {
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub mail_poll_ms: u64,
    /// Seed the demo company into an empty database at start (`KIZUNA_DEMO=1`).
    pub demo: bool,
    pub app: Config,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

impl Settings {
    pub fn from_env() -> Result<Self, String> {
        let data_dir = PathBuf::from(var("KIZUNA_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url =
            var("KIZUNA_DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}/kizuna.db", data_dir.display()));
        let site_addr: SocketAddr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e| format!("LEPTOS_SITE_ADDR: {e}"))?;
        let base_url =
            var("KIZUNA_BASE_URL").unwrap_or_else(|| format!("http://{site_addr}")).trim_end_matches('/').to_owned();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err("KIZUNA_BASE_URL must start with http:// or https://".into());
        }
        let mut app = Config {
            secure_cookies: base_url.starts_with("https://"),
            base_url,
            data_dir,
            smtp_url: var("KIZUNA_SMTP_URL"),
            mail_from: String::new(),
            trust_proxy: match var("KIZUNA_TRUST_PROXY").as_deref() {
                None | Some("false" | "no") => 0,
                Some("true" | "yes") => 1,
                Some(n) => n.parse().map_err(|_| "KIZUNA_TRUST_PROXY: the number of proxies in front (0, 1, 2, …)")?,
            },
            links_per_address: match var("KIZUNA_LINKS_PER_ADDRESS") {
                Some(v) => v.parse().ok().filter(|n| *n > 0).ok_or("KIZUNA_LINKS_PER_ADDRESS: a positive number")?,
                None => 5,
            },
        };
        app.mail_from = var("KIZUNA_MAIL_FROM").unwrap_or_else(|| format!("Kizuna <no-reply@{}>", app.mail_domain()));
        let mail_poll_ms = var("KIZUNA_MAIL_POLL_MS")
            .map(|v| v.parse().map_err(|_| "KIZUNA_MAIL_POLL_MS: not a number"))
            .transpose()?;
        Ok(Self {
            database_url,
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            mail_poll_ms: mail_poll_ms.unwrap_or(1000),
            demo: matches!(var("KIZUNA_DEMO").as_deref(), Some("1" | "true" | "yes")),
            app,
        })
    }
}
