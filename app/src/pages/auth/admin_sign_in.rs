use crate::api::auth::RecruiterSignIn;
use crate::components::forms::{use_form_error, use_kept_value, EmailField, FormAlert};
use crate::components::i18n::t;
use crate::components::islands::PasswordField;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn AdminSignInPage() -> impl IntoView {
    view! { <PasswordSignIn title=Msg::AdminSignInTitle action=RecruiterSignIn::url() /> }
}

/// E-mail and password, for recruiters and for partner agencies (each with its own page and endpoint).
#[component]
pub fn PasswordSignIn(title: Msg, action: &'static str) -> impl IntoView {
    let error = use_form_error();
    let email = use_kept_value("email");
    view! {
        <Title text=t(title) />
        <section class="card narrow">
            <h1>{t(title)}</h1>
            <FormAlert error=error />
            <form method="post" action=action novalidate>
                <EmailField value=email invalid=error.is_some() />
                <PasswordField
                    label=t(Msg::PasswordLabel).to_owned()
                    show_label=t(Msg::ShowPassword).to_owned()
                    hide_label=t(Msg::HidePassword).to_owned()
                    invalid=error.is_some()
                />
                <button type="submit" class="button">{t(Msg::SignInButton)}</button>
            </form>
        </section>
    }
}
