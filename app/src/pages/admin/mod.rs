pub mod dashboard;
pub mod mailbox;
