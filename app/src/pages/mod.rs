pub mod admin;
pub mod auth;
pub mod home;
pub mod not_found;
pub mod portal;
pub mod unsubscribe;
