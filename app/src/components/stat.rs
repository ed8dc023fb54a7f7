//! One figure with its label, in a `<dl class="stats">`.
use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;

/// One figure of a `<dl class="stats">`.
#[component]
pub fn Stat(label: Msg, #[prop(into)] value: String) -> impl IntoView {
    view! {
        <div class="stat">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
        </div>
    }
}
