pub mod consent;
pub mod home;
pub mod invitation;
pub mod mydata;
pub mod preferences;
pub mod profile;
