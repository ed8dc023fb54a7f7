//! The portal's sign-up: the form (every optional purpose unticked, each on its own), the "check your mail"
//! page, and the confirmation a registration link lands on (it registers on the POST, not on opening the link).
use crate::api::signup::{sign_up_state, ConfirmSignUp, SignUp};
use crate::components::forms::{use_form_error, use_kept_value, EmailField, Field, FormAlert};
use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let error = use_form_error();
    let kept = use_kept_value;
    view! {
        <Title text=t(Msg::SignUpTitle) />
        <section class="card narrow">
            <h1>{t(Msg::SignUpTitle)}</h1>
            <p>{t(Msg::SignUpIntro)}</p>
            <FormAlert error=error />
            <form method="post" action=SignUp::url() novalidate>
                <EmailField value=kept("email") invalid=crate::components::forms::use_field_error("email").is_some() />
                <Field name="family_name" label=Msg::FamilyNameLabel value=kept("family_name") />
                <Field name="given_name" label=Msg::GivenNameLabel value=kept("given_name") />
                <Field name="family_name_kana" label=Msg::FamilyKanaLabel value=kept("family_name_kana") />
                <Field name="given_name_kana" label=Msg::GivenKanaLabel value=kept("given_name_kana") />
                <button type="submit" class="button">{t(Msg::SignUpButton)}</button>
            </form>
        </section>
    }
}

/// One optional purpose, unticked, with its policy text.
#[component]
fn Choice(name: &'static str, label: Msg, text: String) -> impl IntoView {
    let text_id = format!("{name}-policy");
    view! {
        <label class="choice">
            <input type="checkbox" name=name value="yes" aria-describedby=text_id.clone() />
            <span>{t(label)}</span>
        </label>
        <details class="policy">
            <summary>{t(Msg::PolicyTextLabel)}</summary>
            <p id=text_id>{text}</p>
        </details>
    }
}

#[component]
pub fn SignUpSentPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::SignUpSentTitle) />
        <section class="card narrow" aria-live="polite">
            <h1>{t(Msg::SignUpSentTitle)}</h1>
            <p>{t(Msg::SignUpSentBody)}</p>
        </section>
    }
}

/// A registration link lands here; registering happens on the POST, so a scanner prefetching the link does nothing.
#[component]
pub fn SignUpConfirmPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let link = crate::components::loading::run(sign_up_state(token.clone())).await.ok();
                let state = link.as_ref().map_or("invalid".to_owned(), |l| l.state.clone());
                if let Some(link) = link.filter(|l| l.state == "valid") {
                    view! {
                        <Title text=t(Msg::SignUpConfirmTitle) />
                        <section class="card narrow">
                            <h1>{t(Msg::SignUpConfirmTitle)}</h1>
                            <p class="lead">{link.name}{t(Msg::MailGreetingSuffix)}</p>
                            <p>{t(Msg::SignUpConfirmBody)}</p>
                            <form method="post" action=ConfirmSignUp::url()>
                                <input type="hidden" name="token" value=token.clone() />
                                <fieldset>
                                    <legend>{t(Msg::SignUpOptional)}</legend>
                                    <Choice name="talent_pool" label=Msg::SignUpTalentPool text=link.talent_pool />
                                    <Choice name="job_news" label=Msg::SignUpJobNews text=link.job_news />
                                </fieldset>
                                <button type="submit" class="button">{t(Msg::SignUpConfirmButton)}</button>
                            </form>
                        </section>
                    }
                        .into_any()
                } else {
                    view! { <crate::components::errors::LinkProblem reason=state /> }.into_any()
                }
            })}
        </Suspense>
    }
}
