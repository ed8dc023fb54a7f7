//! The few parts that run in the browser. Each receives its strings already translated.
use leptos::prelude::*;

/// A password input with a show/hide toggle. The toggle appears only once the wasm runs;
/// without JavaScript the field is a plain password input.
#[island]
pub fn PasswordField(label: String, show_label: String, hide_label: String, invalid: bool) -> impl IntoView {
    let (visible, set_visible) = signal(false);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let show = show_label.clone();
    view! {
        <div class="field">
            <label for="password">{label}</label>
            <div class="password-row">
                <input
                    id="password"
                    name="password"
                    type=move || if visible.get() { "text" } else { "password" }
                    autocomplete="current-password"
                    required
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=invalid.then_some("form-error")
                />
                <button
                    type="button"
                    class="button-secondary"
                    hidden=move || !hydrated.get()
                    aria-controls="password"
                    aria-pressed=move || if visible.get() { "true" } else { "false" }
                    on:click=move |_| set_visible.update(|v| *v = !*v)
                >
                    {move || if visible.get() { hide_label.clone() } else { show.clone() }}
                </button>
            </div>
        </div>
    }
}
