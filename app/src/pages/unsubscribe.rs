//! The page behind a mail's unsubscribe link: no sign-in, and nothing changes on GET (mail scanners open links).
use crate::api::unsubscribe::unsubscribe_link_state;
use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    view! {
        <Title text=t(Msg::UnsubscribeTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let valid = crate::components::loading::run(unsubscribe_link_state(token.clone())).await.unwrap_or(false);
                view! {
                    <section class="card narrow">
                        <h1>{t(Msg::UnsubscribeTitle)}</h1>
                        {if valid {
                            view! {
                                <p>{t(Msg::UnsubscribeBody)}</p>
                                <form method="post" action=format!("/unsubscribe/{token}")>
                                    <input type="hidden" name="List-Unsubscribe" value="One-Click" />
                                    <button type="submit" class="button">{t(Msg::UnsubscribeButton)}</button>
                                </form>
                            }
                                .into_any()
                        } else {
                            view! {
                                <p role="alert">{t(Msg::UnsubscribeInvalid)}</p>
                                <a class="button" href="/portal/preferences">{t(Msg::NavPreferences)}</a>
                            }
                                .into_any()
                        }}
                    </section>
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::Unsubscribed) />
        <section class="card narrow" role="status">
            <h1>{t(Msg::Unsubscribed)}</h1>
            <p>{t(Msg::UnsubscribeDoneBody)}</p>
            <a class="button button-secondary" href="/portal/preferences">{t(Msg::NavPreferences)}</a>
        </section>
    }
}
