//! Pieces two or more pages share. Pages import components, never another page.
pub mod bar_chart;
pub mod errors;
pub mod forms;
pub mod i18n;
pub mod islands;
pub mod labels;
pub mod layout;
pub mod loading;
pub mod passwords;
pub mod portal_nav;
pub mod profile_form;
pub mod stat;
