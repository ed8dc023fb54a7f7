//! Segments (`/admin/segments`): viewers and up see them and who is in them now; recruiters build them.
use crate::domain::segments::{RowInput, SegmentPage, SegmentSummary};
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

#[server(prefix = "/api", endpoint = "admin/segments")]
pub async fn load_segments() -> Result<Vec<SegmentSummary>, AppError> {
    use crate::backend::segments;
    let state = app_state()?;
    require_recruiter(&state, Role::Viewer).await?;
    Ok(segments::list(&state.db).await?)
}

/// A segment with its rows, its count and first members evaluated now, and what the builder's selects offer.
#[server(prefix = "/api", endpoint = "admin/segment")]
pub async fn load_segment(id: String) -> Result<SegmentPage, AppError> {
    use crate::backend::{preferences, segments};
    use crate::domain::segments::MEMBERS_SHOWN;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Viewer).await?;
    let (segment, rule) = segments::get(&state.db, &id).await?.ok_or_else(|| status(AppError::NotFound))?;
    let now = now_ms();
    let count = segments::count(&state.db, &rule, now).await?;
    let members = segments::members(&state.db, &rule, now, None, MEMBERS_SHOWN).await?;
    let english = request_lang() == crate::i18n::Lang::En;
    let (tags, reasons, events) = segments::choices(&state.db, english).await?;
    let topics = preferences::topic_choices(&state.db).await?;
    Ok(SegmentPage {
        segment,
        rows: RowInput::from_rule(&rule),
        count,
        members,
        tags,
        reasons,
        events,
        topics,
        can_edit: recruiter.role.includes(Role::Recruiter),
    })
}

/// A new segment (recruiters): an empty one that starts with one condition, or a copy of `copy_of`.
#[server(prefix = "/api", endpoint = "admin/create-segment")]
pub async fn create_segment(name_ja: String, name_en: String, copy_of: Option<String>) -> Result<(), AppError> {
    use crate::backend::segments;
    use crate::domain::segments::{check_names, Rule};
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let keep = [("name_ja", name_ja.as_str()), ("name_en", name_en.as_str())];
    let result = async {
        let (names, errors) = check_names(&name_ja, &name_en);
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let rule = match copy_of.filter(|c| !c.is_empty()) {
            Some(source) => segments::get(&state.db, &source).await?.ok_or(AppError::NotFound)?.1,
            None => Rule::starter(),
        };
        Ok::<_, AppError>(segments::create(&state.db, names, &rule, &recruiter.actor(), now_ms()).await?)
    }
    .await;
    form_answer(result, |id| format!("/admin/segments/{}", percent_encode(&id)), "/admin/segments", &keep)
}

/// The builder's one form (recruiters): `action` is `save`, or a button that changes the rows first (`add:i`,
/// `group:i`, `remove:i`). The rows are checked and saved either way; a rule that cannot be used is refused with
/// an error per row, and what was typed comes back to the page.
#[server(prefix = "/api", endpoint = "admin/save-segment")]
pub async fn save_segment(
    id: String,
    name_ja: String,
    name_en: String,
    rows: Option<Vec<RowInput>>,
    action: Option<String>,
) -> Result<(), AppError> {
    use crate::backend::segments;
    use crate::domain::segments::check_form;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let back = format!("/admin/segments/{}", percent_encode(&id));
    let action = action.unwrap_or_default();
    let rows = RowInput::apply(rows.unwrap_or_default(), &action);
    let kept = kept_rows(&name_ja, &name_en, &rows);
    let keep: Vec<(&str, &str)> = kept.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let result = async {
        let (names, rule) = check_form(&name_ja, &name_en, &rows).map_err(AppError::Validation)?;
        if segments::update(&state.db, &id, names, &rule, &recruiter.actor(), now_ms()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }
    .await;
    let notice = if action == "save" || action.is_empty() { "saved=1" } else { "edited=1" };
    form_answer(result, |_| format!("{back}?{notice}"), &back, &keep)
}

#[cfg(feature = "ssr")]
fn kept_rows(name_ja: &str, name_en: &str, rows: &[RowInput]) -> Vec<(String, String)> {
    let mut kept = vec![("name_ja".to_owned(), name_ja.to_owned()), ("name_en".to_owned(), name_en.to_owned())];
    for (i, row) in rows.iter().enumerate() {
        for (key, value) in
            [("depth", &row.depth), ("kind", &row.kind), ("a", &row.a), ("b", &row.b), ("was", &row.was)]
        {
            kept.push((format!("rows[{i}][{key}]"), value.clone()));
        }
    }
    kept
}

#[server(prefix = "/api", endpoint = "admin/delete-segment")]
pub async fn delete_segment(id: String) -> Result<(), AppError> {
    use crate::backend::segments;
    let state = app_state()?;
    let recruiter = require_recruiter(&state, Role::Recruiter).await?;
    let result = match segments::delete(&state.db, &id, &recruiter.actor(), now_ms()).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(AppError::NotFound),
        Err(error) => Err(error),
    };
    let back = format!("/admin/segments/{}", percent_encode(&id));
    form_answer(result, |_| "/admin/segments?deleted=1".to_owned(), &back, &[])
}
