pub mod consent;
pub mod home;
pub mod mydata;
pub mod nav;
pub mod preferences;
pub mod profile;
