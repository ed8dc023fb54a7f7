pub mod audit;
pub mod candidates;
pub mod dashboard;
pub mod jobs;
pub mod mailbox;
pub mod policies;
pub mod relay;
pub mod templates;
