//! The small SMTP server the tests deliver to lives in the binary's crate (the campaign benchmark uses it too).
pub use server::bench::smtp::SmtpServer;
