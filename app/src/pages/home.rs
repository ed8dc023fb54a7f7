use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="" />
        <section class="hero">
            <h1>{t(Msg::HomeHeading)}</h1>
            <p class="lead">{t(Msg::HomeIntro)}</p>
            <div class="actions">
                <a class="button" href="/portal/sign-in">{t(Msg::HomeCandidateCta)}</a>
                <a class="button button-secondary" href="/admin/sign-in">{t(Msg::HomeRecruiterCta)}</a>
            </div>
        </section>
    }
}
