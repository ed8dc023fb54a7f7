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
    let error = use_form_error();
    let email = use_kept_value("email");
    view! {
        <Title text=t(Msg::AdminSignInTitle) />
        <section class="card narrow">
            <h1>{t(Msg::AdminSignInTitle)}</h1>
            <FormAlert error=error />
            <form method="post" action=RecruiterSignIn::url() novalidate>
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
