use crate::api::auth::{link_state, ConfirmLink};
use crate::components::errors::LinkProblem;
use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A mail link lands here; signing in happens on the POST, so a scanner prefetching the link uses nothing up.
#[component]
pub fn ConfirmLinkPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token")).unwrap_or_default();
    let next = use_query_map().with_untracked(|q| q.get("next")).filter(|n| n == "relay");
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                let state = crate::components::loading::run(link_state(token.clone())).await.unwrap_or_else(|_| "invalid".into());
                if state == "valid" {
                    view! {
                        <Title text=t(Msg::ConfirmTitle) />
                        <section class="card narrow">
                            <h1>{t(Msg::ConfirmTitle)}</h1>
                            <p>{t(Msg::ConfirmBody)}</p>
                            <form method="post" action=ConfirmLink::url()>
                                <input type="hidden" name="token" value=token.clone() />
                                {next.clone().map(|next| view! { <input type="hidden" name="next" value=next /> })}
                                <button type="submit" class="button">{t(Msg::ConfirmButton)}</button>
                            </form>
                        </section>
                    }
                        .into_any()
                } else {
                    view! { <LinkProblem reason=state /> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn LinkProblemPage() -> impl IntoView {
    let reason = use_query_map().with_untracked(|q| q.get("reason")).unwrap_or_default();
    view! { <LinkProblem reason=reason /> }
}
