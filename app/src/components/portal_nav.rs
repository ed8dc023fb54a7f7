use crate::components::i18n::t;
use crate::i18n::Msg;
use leptos::prelude::*;

/// The portal's own navigation; `current` is marked for assistive technology.
#[component]
pub fn PortalNav(current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: Msg| {
        view! {
            <a href=href aria-current=(href == current).then_some("page")>
                {t(label)}
            </a>
        }
    };
    view! {
        <nav class="sub-nav" aria-label=t(Msg::NavPortal)>
            {link("/portal", Msg::NavPortalHome)}
            {link("/portal/profile", Msg::NavProfile)}
            {link("/portal/consent", Msg::NavConsent)}
            {link("/portal/preferences", Msg::NavPreferences)}
            {link("/portal/data", Msg::NavMyData)}
        </nav>
    }
}
