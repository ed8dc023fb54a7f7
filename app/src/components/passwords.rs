//! Password forms: signing in (recruiters, agencies) and choosing a password from an invitation's link.
use crate::api::relay::agency_portal::agency_setup_state;
use crate::components::forms::{use_form_error, use_kept_value, EmailField, FormAlert};
use crate::components::i18n::t;
use crate::components::islands::PasswordField;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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

/// Choosing a password from an invitation's link (agency users and the company's own users alike): the link's
/// state first, then the form.
#[component]
pub fn SetPasswordPage(action: &'static str, title: Msg, body: Msg) -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    let error = use_form_error();
    view! {
        <Title text=t(title) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let state = crate::components::loading::run(agency_setup_state(token.clone())).await.unwrap_or_else(|_| "invalid".into());
                if state != "valid" {
                    let problem = match state.as_str() {
                        "used" => Msg::LinkUsedTitle,
                        "expired" => Msg::LinkExpiredTitle,
                        _ => Msg::LinkInvalidTitle,
                    };
                    return view! {
                        <section class="card narrow" role="alert">
                            <h1>{t(problem)}</h1>
                            <p>{t(Msg::AgencyLinkProblem)}</p>
                        </section>
                    }.into_any();
                }
                view! {
                    <section class="card narrow">
                        <h1>{t(title)}</h1>
                        <p>{t(body)}</p>
                        <FormAlert error=error />
                        <form method="post" action=action>
                            <input type="hidden" name="token" value=token.clone() />
                            <PasswordField
                                label=t(Msg::NewPasswordLabel).to_owned()
                                show_label=t(Msg::ShowPassword).to_owned()
                                hide_label=t(Msg::HidePassword).to_owned()
                                invalid=error.is_some()
                            />
                            <button type="submit" class="button">{t(Msg::AgencySetPasswordButton)}</button>
                        </form>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}
