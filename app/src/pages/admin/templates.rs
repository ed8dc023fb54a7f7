//! Mail templates admins word themselves, with their merge fields and a preview.
use crate::api::relay::{load_templates, SaveTemplate, TemplatesPage};
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::t;
use crate::domain::MailTemplate;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::TemplatesTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::pages::page_or(load_templates().await, "/admin/sign-in", |page| view! { <Templates page=page /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Templates(page: TemplatesPage) -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    view! {
        <h1>{t(Msg::TemplatesTitle)}</h1>
        <p>{t(Msg::TemplatesHint)}</p>
        {saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Saved)}</div> })}
        {page.templates.into_iter().zip(page.previews).map(|(template, preview)| view! { <Template template=template preview=preview /> }).collect_view()}
    }
}

#[component]
fn Template(template: MailTemplate, preview: (String, String)) -> impl IntoView {
    let key = format!("{}-{}", template.kind.as_str(), template.lang.tag());
    let editing = use_kept_value("editing") == key;
    let error = if editing { use_form_error() } else { None };
    let unknown = if editing { use_kept_value("unknown") } else { String::new() };
    let (subject, body) = if editing {
        (use_kept_value("subject"), use_kept_value("body"))
    } else {
        (template.subject.clone(), template.body.clone())
    };
    let language = match template.lang {
        crate::i18n::Lang::Ja => "日本語",
        crate::i18n::Lang::En => "English",
    };
    let heading = format!("{} ({language})", t(template.kind.label()));
    let fields = template.kind.fields().iter().map(|f| format!("{{{{{f}}}}}")).collect::<Vec<_>>().join(" ");
    let subject_id = format!("{key}-subject");
    let body_id = format!("{key}-body");
    let heading_id = format!("{key}-heading");
    view! {
        <section class="card" id=key.clone() aria-labelledby=heading_id.clone()>
            <h2 id=heading_id.clone()>{heading}</h2>
            <p class="muted">
                {if template.customised { t(Msg::TemplateCustomised) } else { t(Msg::TemplateDefault) }}
            </p>
            <FormAlert error=error />
            {(!unknown.is_empty()).then(|| view! { <p class="field-error">{t(Msg::UnknownFieldLabel)}": "<code>{unknown}</code></p> })}
            <p>{t(Msg::MergeFieldsLabel)}": "<code>{fields}</code></p>
            <form method="post" action=SaveTemplate::url()>
                <input type="hidden" name="kind" value=template.kind.as_str() />
                <input type="hidden" name="lang" value=template.lang.tag() />
                <div class="field">
                    <label for=subject_id.clone()>{t(Msg::SubjectLabel)}</label>
                    <input id=subject_id.clone() name="subject" type="text" required maxlength="200" value=subject />
                </div>
                <div class="field">
                    <label for=body_id.clone()>{t(Msg::BodyLabel)}</label>
                    <textarea id=body_id.clone() name="body" rows="12" required>{body}</textarea>
                </div>
                <p class="actions">
                    <button type="submit" class="button">{t(Msg::SaveButton)}</button>
                    <button type="submit" name="reset" value="yes" class="button button-secondary" formnovalidate>{t(Msg::ResetTemplate)}</button>
                </p>
            </form>
            <details class="policy">
                <summary>{t(Msg::PreviewLabel)}</summary>
                <div class="mail">
                    <p class="mail-subject">{preview.0}</p>
                    <pre class="mail-body">{preview.1}</pre>
                </div>
            </details>
        </section>
    }
}
