//! The one error type every server function returns.
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: Msg,
}

impl FieldError {
    pub fn new(field: &str, message: Msg) -> Self {
        Self { field: field.to_owned(), message }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict")]
    Conflict,
    #[error("too many requests")]
    RateLimited,
    #[error("internal error")]
    Internal,
}

impl AppError {
    pub fn field(field: &str, message: Msg) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    pub fn status(&self) -> u16 {
        match self {
            Self::Validation(_) => 422,
            Self::NotFound => 404,
            Self::Unauthorized => 401,
            Self::Forbidden => 403,
            Self::Conflict => 409,
            Self::RateLimited => 429,
            Self::Internal => 500,
        }
    }

    /// A short code for the URL of a form that failed without JavaScript.
    pub fn code(&self) -> &'static str {
        self.message().code()
    }

    pub fn message(&self) -> Msg {
        match self {
            Self::Validation(errors) => errors.first().map(|e| e.message).unwrap_or(Msg::ErrInvalid),
            Self::NotFound => Msg::ErrNotFound,
            Self::Unauthorized => Msg::ErrUnauthorized,
            Self::Forbidden => Msg::ErrForbidden,
            Self::Conflict => Msg::ErrConflict,
            Self::RateLimited => Msg::ErrRateLimited,
            Self::Internal => Msg::ErrInternal,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Args(_) | E::MissingArg(_) | E::Deserialization(_) => Self::Validation(vec![]),
            _ => Self::Internal,
        }
    }
}
