use crate::api::auth::RequestLink;
use crate::components::forms::{use_form_error, use_kept_value, EmailField, FormAlert};
use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn PortalSignInPage() -> impl IntoView {
    let error = use_form_error();
    let email = use_kept_value("email");
    view! {
        <Title text=t(Msg::PortalSignInTitle) />
        <section class="card narrow">
            <h1>{t(Msg::PortalSignInTitle)}</h1>
            <p>{t(Msg::PortalSignInIntro)}</p>
            <FormAlert error=error />
            <form method="post" action=RequestLink::url() novalidate>
                <EmailField value=email invalid=error.is_some() />
                <button type="submit" class="button">{t(Msg::SendLink)}</button>
            </form>
            <p><a href="/portal/sign-up">{t(Msg::SignUpLink)}</a></p>
        </section>
    }
}

#[component]
pub fn LinkSentPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::LinkSentTitle) />
        <section class="card narrow" aria-live="polite">
            <h1>{t(Msg::LinkSentTitle)}</h1>
            <p>{t(Msg::LinkSentBody)}</p>
            <p>
                <a href="/portal/sign-in">{t(Msg::LinkSentAgain)}</a>
            </p>
        </section>
    }
}
