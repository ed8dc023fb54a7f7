pub mod consent;
pub mod home;
pub mod nav;
pub mod preferences;
