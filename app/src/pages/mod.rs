//! The pages, by URL area: `portal/`, `admin/`, `agency`, `relay`, `auth/` (sign-in and sign-up), `unsubscribe`.
pub mod admin;
pub mod agency;
pub mod auth;
pub mod home;
pub mod portal;
pub mod relay;
pub mod unsubscribe;
