//! Mail templates admins word themselves: one kind at a time, both languages, the merge fields (and the ones the
//! mail needs), and a preview filled in with sample values or with a real candidate.
use crate::api::templates::{load_templates, PreviewTemplate, SaveTemplate, TemplatesPage};
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::t;
use crate::domain::{MailTemplate, TemplateKind};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let kind = use_query_map().with_untracked(|q| q.get("kind"));
    let preview = Some(use_kept_value("preview")).filter(|p| !p.is_empty());
    view! {
        <Title text=t(Msg::TemplatesTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_templates(kind.clone(), preview.clone())).await, "/admin/sign-in", |page| view! { <Templates page=page /> }.into_any())
            })}
        </Suspense>
    }
}

fn merge_fields(fields: &[&str]) -> String {
    fields.iter().map(|f| format!("{{{{{f}}}}}")).collect::<Vec<_>>().join(" ")
}

#[component]
fn Templates(page: TemplatesPage) -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let asked = Some(use_kept_value("preview")).filter(|p| !p.is_empty());
    let kind = page.kind;
    let previewing = page.candidate.is_some();
    view! {
        <h1>{t(Msg::TemplatesTitle)}</h1>
        <p>{t(Msg::TemplatesHint)}</p>
        {saved.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Saved)}</div> })}
        <nav aria-label=t(Msg::TemplateKindsLabel) class="sub-nav">
            <ul>
                {TemplateKind::ALL.iter().map(|k| {
                    let current = *k == kind;
                    view! {
                        <li>
                            <a href=format!("/admin/templates?kind={}", k.as_str()) aria-current=current.then_some("page")>
                                {t(k.label())}
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
        <form method="post" action=PreviewTemplate::url() class="card">
            <input type="hidden" name="kind" value=kind.as_str() />
            <div class="field">
                <label for="preview-candidate">{t(Msg::PreviewCandidateLabel)}</label>
                <input id="preview-candidate" name="preview" type="email" autocomplete="off" value=asked.unwrap_or_default() aria-describedby="preview-candidate-hint" />
                <p class="hint" id="preview-candidate-hint">{t(Msg::PreviewCandidateHint)}</p>
            </div>
            <button type="submit" class="button button-secondary">{t(Msg::PreviewWithButton)}</button>
        </form>
        {page.not_found.map(|_| view! { <div class="alert alert-error" role="alert">{t(Msg::PreviewCandidateNotFound)}</div> })}
        {page.candidate.map(|(id, name)| view! {
            <p role="status">{t(Msg::PreviewShowingFor)}": "<a href=format!("/admin/candidates/{id}")>{name}</a></p>
        })}
        {page.templates.into_iter().map(|(template, preview)| view! { <Template template=template preview=preview open=previewing /> }).collect_view()}
    }
}

#[component]
fn Template(template: MailTemplate, preview: (String, String), open: bool) -> impl IntoView {
    let key = format!("{}-{}", template.kind.as_str(), template.lang.tag());
    let editing = use_kept_value("editing") == key;
    let error = if editing { use_form_error() } else { None };
    let (unknown, missing) =
        if editing { (use_kept_value("unknown"), use_kept_value("missing")) } else { Default::default() };
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
    let fields = merge_fields(template.kind.fields());
    let required = template.kind.required_fields();
    let required = (!required.is_empty()).then(|| merge_fields(required));
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
            {(!missing.is_empty()).then(|| view! { <p class="field-error">{t(Msg::MissingFieldLabel)}": "<code>{format!("{{{{{missing}}}}}")}</code></p> })}
            <p>{t(Msg::MergeFieldsLabel)}": "<code>{fields}</code></p>
            {required.map(|required| view! { <p>{t(Msg::RequiredFieldsLabel)}": "<code>{required}</code></p> })}
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
            <details class="policy" open=open>
                <summary>{t(Msg::PreviewLabel)}</summary>
                <div class="mail">
                    <p class="mail-subject">{preview.0}</p>
                    <pre class="mail-body">{preview.1}</pre>
                </div>
            </details>
        </section>
    }
}
