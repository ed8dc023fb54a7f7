//! Pieces of forms that work without JavaScript: errors come back in the URL as a message code.
use super::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The error a failed form post left in the URL, if it is one we know.
pub fn use_form_error() -> Option<Msg> {
    let query = use_query_map();
    let code = query.with_untracked(|q| q.get("error"))?;
    Msg::from_code(&code).or(Some(Msg::ErrInvalid))
}

/// The error a failed post left for one field, if any.
pub fn use_field_error(field: &str) -> Option<Msg> {
    use_query_map().with_untracked(|q| q.get(&format!("fe_{field}"))).and_then(|c| Msg::from_code(&c))
}

/// Whether the last form post left values for this page (after a reload they are gone: show what is stored).
pub fn has_kept_values() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .is_some_and(|parts| parts.extensions.get::<crate::domain::Flash>().is_some())
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// A value a failed form post kept for this page (server-side, never in the URL), so that nothing typed is lost.
pub fn use_kept_value(name: &str) -> String {
    kept_value(name).unwrap_or_default()
}

/// [`use_kept_value`], telling a field the post did not have from one it left empty.
pub fn kept_value(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>().and_then(|parts| {
            parts.extensions.get::<crate::domain::Flash>().and_then(|f| f.get(name)).map(str::to_owned)
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

/// A labelled text input (`id` = `name`) with an optional hint, marked invalid with the error a failed post left.
#[component]
pub fn Field(
    name: &'static str,
    label: Msg,
    value: String,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional)] kind: Option<&'static str>,
) -> impl IntoView {
    let error = use_field_error(name);
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    let described = [error.map(|_| error_id.clone()), hint.map(|_| hint_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <input
                id=name
                name=name
                type=kind.unwrap_or("text")
                value=value
                aria-invalid=error.map(|_| "true")
                aria-describedby=(!described.is_empty()).then_some(described)
            />
            {hint.map(|h| view! { <p class="muted" id=hint_id>{t(h)}</p> })}
            {error.map(|m| view! { <p class="field-error" id=error_id>{t(m)}</p> })}
        </div>
    }
}

#[component]
pub fn FormAlert(error: Option<Msg>) -> impl IntoView {
    error.map(|msg| {
        view! {
            <div class="alert alert-error" role="alert" id="form-error">
                <strong>{t(Msg::ErrorLabel)}": "</strong>
                {t(msg)}
            </div>
        }
    })
}

#[component]
pub fn EmailField(#[prop(into)] value: String, invalid: bool) -> impl IntoView {
    view! {
        <div class="field">
            <label for="email">{t(Msg::EmailLabel)}</label>
            <input
                id="email"
                name="email"
                type="email"
                inputmode="email"
                autocomplete="email"
                required
                maxlength="254"
                value=value
                aria-invalid=invalid.then_some("true")
                aria-describedby=invalid.then_some("form-error")
            />
        </div>
    }
}

pub use crate::domain::{url_decode, url_encode};
