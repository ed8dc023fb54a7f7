//! Mail templates (admins): each kind's wording in both languages, saved with its merge fields checked, and a
//! preview with sample values or a real candidate.
use crate::domain::{AppError, MailTemplate};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::backend::{prelude::*, templates};
#[cfg(feature = "ssr")]
use crate::i18n::Msg;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatesPage {
    pub kind: crate::domain::TemplateKind,
    /// the kind's template in each language, with its preview: (subject, text)
    pub templates: Vec<(MailTemplate, (String, String))>,
    /// the candidate the previews are filled in for: (id, name); sample values when none
    pub candidate: Option<(String, String)>,
    /// the address asked for, when no candidate has it
    pub not_found: Option<String>,
}

/// One kind's templates (admins), previewed with sample values or with the candidate whose address is `preview`
/// (that view of their data is audited).
#[server(prefix = "/api", endpoint = "admin/templates")]
pub async fn load_templates(kind: Option<String>, preview: Option<String>) -> Result<TemplatesPage, AppError> {
    use crate::backend::templates;
    use crate::domain::TemplateKind;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let kind = kind.as_deref().and_then(TemplateKind::parse).unwrap_or(TemplateKind::SignIn);
    let actor = admin.actor();
    let previews =
        templates::preview(&state.db, kind, preview.as_deref(), &state.config.base_url, &actor, now_ms()).await?;
    let not_found = previews.not_found.then(|| preview.unwrap_or_default());
    Ok(TemplatesPage { kind, templates: previews.templates, candidate: previews.candidate, not_found })
}

/// Saves a template's wording (admins); an unknown merge field, or a missing one the mail needs, is refused now,
/// never blank at send time.
#[server(prefix = "/api", endpoint = "admin/save-template")]
pub async fn save_template(
    kind: String,
    lang: String,
    subject: String,
    body: String,
    reset: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{check_template, TemplateKind, TemplateProblem};
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let (Some(kind), Some(lang)) = (TemplateKind::parse(&kind), crate::i18n::Lang::parse(&lang)) else {
        return form_error(AppError::field("kind", Msg::ErrInvalid), "/admin/templates", &[]);
    };
    let back = format!("/admin/templates?kind={}", kind.as_str());
    let actor = admin.actor();
    let result = if reset.is_some() {
        templates::reset_template(&state.db, kind, lang, &actor, now_ms()).await.map_err(AppError::from)
    } else {
        templates::save_template(&state.db, kind, lang, &subject, &body, &actor, now_ms()).await
    };
    let anchor = format!("{}-{}", kind.as_str(), lang.tag());
    match result {
        Ok(()) => {
            leptos_axum::redirect(&format!("{back}&saved={}#{anchor}", lang.tag()));
            Ok(())
        }
        Err(error) => {
            let (unknown, missing) = match check_template(kind, &subject, &body) {
                Err(TemplateProblem::Unknown(field)) => (field, String::new()),
                Err(TemplateProblem::Missing(field)) => (String::new(), field.to_owned()),
                Ok(()) => Default::default(),
            };
            let keep = [
                ("editing", anchor.as_str()),
                ("unknown", unknown.as_str()),
                ("missing", missing.as_str()),
                ("subject", subject.as_str()),
                ("body", body.as_str()),
            ];
            form_error(error, &back, &keep)
        }
    }
}

/// Chooses the candidate the previews are filled in for, by e-mail address (admins): the address is kept for the
/// page server-side, never put in its URL.
#[server(prefix = "/api", endpoint = "admin/preview-template")]
pub async fn preview_template(kind: Option<String>, preview: Option<String>) -> Result<(), AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    let kind =
        kind.as_deref().and_then(crate::domain::TemplateKind::parse).unwrap_or(crate::domain::TemplateKind::SignIn);
    keep_for_next_page("/admin/templates", &[("preview", preview.unwrap_or_default().trim())]);
    leptos_axum::redirect(&format!("/admin/templates?kind={}", kind.as_str()));
    Ok(())
}
