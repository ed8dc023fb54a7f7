//! Configuration from the environment (documented in the README).
use app::backend::core::crypto::Secret;
use app::backend::Config;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
        let secret = secret(var("KIZUNA_SECRET"), &data_dir)?;
        let zone_name = var("KIZUNA_TIME_ZONE").unwrap_or_else(|| app::domain::DEFAULT_ZONE.into());
        let zone = app::domain::zone(&zone_name).ok_or_else(|| {
            format!("KIZUNA_TIME_ZONE: {zone_name} is not a time zone (an IANA name like Asia/Tokyo)")
        })?;
        // the company's zone is one setting for the whole process, like the rest of this configuration
        app::domain::set_company_zone(zone);
        let import_retention_days = match var("KIZUNA_IMPORT_RETENTION_DAYS") {
            Some(v) => {
                v.parse().ok().filter(|n| *n > 0).ok_or("KIZUNA_IMPORT_RETENTION_DAYS: a positive number of days")?
            }
            None => 7,
        };
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
            secret,
            import_retention_days,
            quiet_hours: match var("KIZUNA_QUIET_HOURS") {
                Some(v) => app::domain::campaigns::QuietHours::parse(&v)
                    .ok_or("KIZUNA_QUIET_HOURS: hours like 21-8 (from 21:00 to 08:00), or off")?,
                None => app::domain::campaigns::QuietHours::default(),
            },
            send_rate: match var("KIZUNA_SEND_RATE") {
                Some(v) => {
                    v.parse().ok().filter(|n| *n > 0).ok_or("KIZUNA_SEND_RATE: a positive number of mails a minute")?
                }
                None => 1000,
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

/// The fingerprint key: `KIZUNA_SECRET` (64 hex digits), else `secret.key` in the data folder, made on first start
/// (readable by the server's user only). Servers side by side must share it.
fn secret(configured: Option<String>, data_dir: &Path) -> Result<Secret, String> {
    let parse = |text: &str| -> Option<Secret> {
        let bytes = hex::decode(text.trim()).ok()?;
        Some(Secret(bytes.try_into().ok()?))
    };
    if let Some(text) = configured {
        return parse(&text).ok_or_else(|| "KIZUNA_SECRET: 64 hexadecimal digits (32 random bytes)".to_owned());
    }
    let path = data_dir.join("secret.key");
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&text).ok_or_else(|| format!("{}: not 64 hexadecimal digits", path.display())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let secret = Secret::random();
            std::fs::create_dir_all(data_dir).map_err(|e| format!("{}: {e}", data_dir.display()))?;
            write_private(&path, &hex::encode(secret.0)).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(secret)
        }
        Err(error) => Err(format!("{}: {error}", path.display())),
    }
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}
