//! A value from a closed set, as a form posts it.
use super::AppError;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// One of `T`'s values, or whatever else was sent. A server function takes a `Choice<T>` rather than a `String`,
/// so that its signature says what it accepts, and still checks who is calling before it refuses a value it does
/// not know (arguments serde cannot read are refused before the function runs, ahead of that check).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Choice<T> {
    Known(T),
    Other(String),
}

impl<T: Copy> Choice<T> {
    /// The value, or a field error naming `field`.
    pub fn known(&self, field: &str) -> Result<T, AppError> {
        match self {
            Self::Known(value) => Ok(*value),
            Self::Other(_) => Err(AppError::field(field, Msg::ErrInvalid)),
        }
    }
}

impl<T> From<T> for Choice<T> {
    fn from(value: T) -> Self {
        Self::Known(value)
    }
}

impl<T: Default> Default for Choice<T> {
    fn default() -> Self {
        Self::Known(T::default())
    }
}
