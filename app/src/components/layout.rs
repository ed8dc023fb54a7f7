use super::i18n::{t, use_lang};
use crate::api::auth::{current_viewer, SetLanguage, SignOut};
use crate::domain::Viewer;
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"絆"</span>
                    <span>{t(Msg::AppName)}</span>
                </a>
                <nav aria-label="main" class="main-nav">
                    <a href="/portal">{t(Msg::NavPortal)}</a>
                    <a href="/admin">{t(Msg::NavAdmin)}</a>
                </nav>
                <div class="header-tools">
                    <LanguageSwitch />
                    <Suspense fallback=|| ()>{Suspend::new(async move { crate::components::loading::run(current_viewer()).await.ok().flatten().map(|v| view! { <SignedIn viewer=v /> }) })}</Suspense>
                </div>
            </div>
        </header>
        <main id="main" class="container" tabindex="-1">
            <ErrorBoundary fallback=|_errors| {
                view! {
                    <section class="card narrow" role="alert">
                        <h1>{t(Msg::ErrorTitle)}</h1>
                        <p>{t(Msg::ErrInternal)}</p>
                        <a class="button" href="/">{t(Msg::BackHome)}</a>
                    </section>
                }
            }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <div class="container">{t(Msg::FooterNote)}</div>
        </footer>
    }
}

#[component]
fn SignedIn(viewer: Viewer) -> impl IntoView {
    let name = match viewer {
        Viewer::Recruiter { display_name, .. } | Viewer::Candidate { display_name, .. } => display_name,
    };
    view! {
        <span class="signed-in">
            <span class="visually-hidden">{t(Msg::SignedInAs)}" "</span>
            {name}
        </span>
        <form method="post" action=SignOut::url() class="inline-form">
            <button type="submit" class="button-link">{t(Msg::SignOut)}</button>
        </form>
    }
}

/// Two plain buttons posting the choice: works without JavaScript, remembered in a cookie.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let location = use_location();
    let search = location.search.get_untracked();
    let search = search.trim_start_matches('?');
    let path = location.pathname.get_untracked();
    let back_to = if search.is_empty() { path } else { format!("{path}?{search}") };
    let current = use_lang();
    view! {
        <form method="post" action=SetLanguage::url() class="lang-switch" aria-label=t(Msg::LanguageLabel)>
            <input type="hidden" name="back_to" value=back_to />
            {[(Lang::Ja, "日本語"), (Lang::En, "English")]
                .into_iter()
                .map(|(lang, label)| {
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=lang.tag()
                            lang=lang.tag()
                            aria-pressed=if lang == current { "true" } else { "false" }
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}

/// Sends the browser elsewhere during server rendering (these pages are never rendered in the browser).
pub fn redirect_to(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(location)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(path))
    {
        res.insert_header(http::header::LOCATION, location);
        res.set_status(http::StatusCode::SEE_OTHER);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}
