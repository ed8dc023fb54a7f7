pub mod forms;
pub mod i18n;
pub mod islands;
pub mod layout;
pub mod loading;
