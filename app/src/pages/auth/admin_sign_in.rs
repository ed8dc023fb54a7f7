use crate::api::auth::RecruiterSignIn;
use crate::components::passwords::PasswordSignIn;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn AdminSignInPage() -> impl IntoView {
    view! { <PasswordSignIn title=Msg::AdminSignInTitle action=RecruiterSignIn::url() /> }
}
