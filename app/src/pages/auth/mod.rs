pub mod admin_sign_in;
pub mod confirm_link;
pub mod portal_sign_in;
pub mod portal_sign_up;
