//! The recruiter's candidate list: a filter compiled to one parameterised query, pages by key (the cursor is
//! the last id seen). Saved views of it: `views`.
mod export;
pub mod views;

pub use export::{export_csv, MAX_EXPORT_ROWS};

use crate::backend::core::db::Db;
use crate::backend::core::facts;
use crate::backend::core::query::{bind_params, contains_pattern, Param, Params};
use crate::domain::{
    ApplicationScope, CandidateFilter, CandidateRow, ConsentFilter, ConsentPurpose, ListSort, SourceChannel, NO_REASON,
};

/// The WHERE clause and its values for a filter (placeholders numbered from 1).
fn conditions(filter: &CandidateFilter) -> (Vec<String>, Params) {
    let mut clauses = vec!["c.status = 'active'".to_owned()];
    let mut params = Params::default();
    let next = |params: &mut Params, value: Param| params.push(value);
    // capped here too: a server-function call can send any filter, not only one read from a URL
    let q: String = filter.q.chars().take(crate::domain::MAX_QUERY_CHARS).collect();
    let needle = crate::domain::normalize_text(&q).to_lowercase();
    if !needle.is_empty() {
        // the reading is matched in katakana too, as stored
        let kana = crate::domain::Kana::parse(&needle).map(String::from).unwrap_or_else(|_| needle.clone());
        let p = next(&mut params, Param::Text(contains_pattern(&needle)));
        let k = next(&mut params, Param::Text(contains_pattern(&kana)));
        // one LIKE over one string per row: every name order, the readings with and without a space, skills,
        // desired roles and location (fields joined by a character no needle of a name holds)
        clauses.push(format!(
            "(LOWER(c.email || '\x1f' || c.family_name || ' ' || c.given_name || '\x1f' || c.family_name || c.given_name \
             || '\x1f' || c.given_name || ' ' || c.family_name || '\x1f' || c.skills || '\x1f' || c.desired_roles \
             || '\x1f' || COALESCE(c.location, '')) LIKE {p} ESCAPE '\\' \
             OR COALESCE(c.family_name_kana, '') || ' ' || COALESCE(c.given_name_kana, '') || '\x1f' \
             || COALESCE(c.family_name_kana, '') || COALESCE(c.given_name_kana, '') LIKE {k} ESCAPE '\\')"
        ));
    }
    if let Some(tag) = &filter.tag {
        let t = next(&mut params, Param::Text(tag.clone()));
        clauses
            .push(format!("EXISTS (SELECT 1 FROM candidate_tags ct WHERE ct.candidate_id = c.id AND ct.tag_id = {t})"));
    }
    if let Some(source) = filter.source {
        let s = next(&mut params, Param::Text(source.as_str().to_owned()));
        clauses.push(format!("c.source_channel = {s}"));
    }
    if filter.job.is_some() || filter.stage.is_some() || filter.outcome.is_some() || !filter.applied.is_empty() {
        let mut inner = vec!["a.candidate_id = c.id".to_owned()];
        inner.extend(scope_conditions(&filter.applied, &mut params));
        if let Some(job) = &filter.job {
            inner.push(format!("a.job_id = {}", next(&mut params, Param::Text(job.clone()))));
        }
        if let Some(stage) = filter.stage {
            inner.push(format!("a.stage = {}", next(&mut params, Param::Text(stage.as_str().to_owned()))));
        }
        if let Some(outcome) = filter.outcome {
            inner.push(format!("a.outcome = {}", next(&mut params, Param::Text(outcome.as_str().to_owned()))));
        }
        clauses.push(format!("EXISTS (SELECT 1 FROM applications a WHERE {})", inner.join(" AND ")));
    }
    match filter.consent {
        Some(ConsentFilter::AgencyReferral) => clauses.push(
            "EXISTS (SELECT 1 FROM referrals r WHERE r.candidate_id = c.id AND r.withdrawn_at IS NULL)".to_owned(),
        ),
        Some(consent) => clauses.push(match consent.purpose() {
            Some(purpose) => facts::granted(purpose).to_owned(),
            None => format!(
                "NOT ({}) AND NOT ({})",
                facts::granted(ConsentPurpose::TalentPool),
                facts::granted(ConsentPurpose::JobNews)
            ),
        }),
        None => {}
    }
    if let Some(since) = filter.no_contact_since {
        let s = next(&mut params, Param::Int(since));
        clauses.push(format!("(c.last_contact_at IS NULL OR c.last_contact_at < {s})"));
    }
    if !filter.ids.is_empty() {
        let list: Vec<String> = filter.ids.iter().map(|id| next(&mut params, Param::Text(id.clone()))).collect();
        clauses.push(format!("c.id IN ({})", list.join(", ")));
    }
    if let Some(from) = filter.created_from {
        clauses.push(format!("c.created_at >= {}", next(&mut params, Param::Int(from))));
    }
    if let Some(to) = filter.created_to {
        clauses.push(format!("c.created_at <= {}", next(&mut params, Param::Int(to))));
    }
    (clauses, params)
}

const NAME_KEY: &str =
    "(COALESCE(c.family_name_kana, c.family_name) || ' ' || COALESCE(c.given_name_kana, c.given_name))";

#[derive(sqlx::FromRow)]
struct ListRow {
    id: String,
    family_name: String,
    given_name: String,
    family_name_kana: Option<String>,
    given_name_kana: Option<String>,
    email: String,
    source_channel: String,
    created_at: i64,
    last_contact_at: Option<i64>,
}

/// The analytics scope of the application `a` (see [`ApplicationScope`]).
fn scope_conditions(scope: &ApplicationScope, params: &mut Params) -> Vec<String> {
    let mut inner = Vec::new();
    if let Some(from) = scope.from {
        inner.push(format!("a.created_at >= {}", params.int(from)));
    }
    if let Some(to) = scope.to {
        inner.push(format!("a.created_at <= {}", params.int(to)));
    }
    let (department, via) = (scope.department.as_deref(), scope.via.as_deref());
    inner.extend(crate::backend::analytics::application_conditions("a", None, department, via, params));
    if let Some(reached) = scope.reached {
        inner.push(format!("a.reached_rank >= {}", params.int(crate::domain::analytics::stage_rank(reached))));
    }
    match scope.reason.as_deref() {
        Some(NO_REASON) => inner.push("a.decline_reason_id IS NULL".to_owned()),
        Some(reason) => inner.push(format!("a.decline_reason_id = {}", params.text(reason))),
        None => {}
    }
    if scope.moved_from.is_some()
        || scope.moved_to.is_some()
        || scope.moved_into.is_some()
        || scope.moved_outcome.is_some()
    {
        let mut moved = vec!["st.application_id = a.id".to_owned()];
        if let Some(from) = scope.moved_from {
            moved.push(format!("st.at >= {}", params.int(from)));
        }
        if let Some(to) = scope.moved_to {
            moved.push(format!("st.at <= {}", params.int(to)));
        }
        if let Some(into) = scope.moved_into {
            let stage = params.text(into.as_str());
            moved.push(format!("st.to_stage = {stage} AND (st.from_stage IS NULL OR st.from_stage <> st.to_stage)"));
        }
        if let Some(outcome) = scope.moved_outcome {
            moved.push(format!("st.outcome = {}", params.text(outcome.as_str())));
        }
        inner.push(format!("EXISTS (SELECT 1 FROM stage_transitions st WHERE {})", moved.join(" AND ")));
    }
    inner
}

/// A page of the candidates matching a filter, after the candidate `after` (keyset pagination: the cursor is the
/// last id seen; its sort key is looked up, so pages stay stable while rows are added).
pub async fn list(
    db: &Db,
    filter: &CandidateFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<(Vec<CandidateRow>, Option<String>), sqlx::Error> {
    let (mut clauses, mut params) = conditions(filter);
    let sort = filter.sort.unwrap_or(ListSort::Newest);
    let (order, cmp) = match sort {
        ListSort::Newest => ("c.created_at DESC, c.id DESC", "<"),
        ListSort::Oldest => ("c.created_at ASC, c.id ASC", ">"),
        ListSort::Name => ("name_key ASC, c.id ASC", ">"),
    };
    if let Some(after) = after.filter(|a| !a.is_empty()) {
        let key_sql = match sort {
            ListSort::Name => format!("SELECT {NAME_KEY}, c.id FROM candidates c WHERE c.id = $1"),
            _ => "SELECT CAST(c.created_at AS TEXT), c.id FROM candidates c WHERE c.id = $1".to_owned(),
        };
        let key: Option<(String, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(key_sql)).bind(after).fetch_optional(db.pool()).await?;
        if let Some((key, id)) = key {
            let column = if sort == ListSort::Name { NAME_KEY.to_owned() } else { "c.created_at".to_owned() };
            let value = if sort == ListSort::Name { Param::Text(key) } else { Param::Int(key.parse().unwrap_or(0)) };
            let k = params.push(value);
            let i = params.push(Param::Text(id));
            clauses.push(format!("({column} {cmp} {k} OR ({column} = {k} AND c.id {cmp} {i}))"));
        }
    }
    let limit_param = params.int(limit + 1);
    let sql = format!(
        "SELECT c.id, c.family_name, c.given_name, c.family_name_kana, c.given_name_kana, c.email, c.source_channel, \
         c.created_at, c.last_contact_at, {NAME_KEY} AS name_key FROM candidates c WHERE {} ORDER BY {order} LIMIT {limit_param}",
        clauses.join(" AND "),
    );
    let query = bind_params!(sqlx::query_as::<_, ListRow>(sqlx::AssertSqlSafe(sql)), params);
    let mut rows = query.fetch_all(db.pool()).await?;
    let next = if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        rows.last().map(|r| r.id.clone())
    } else {
        None
    };
    let tags = tags_of(db, &rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>()).await?;
    let rows = rows
        .into_iter()
        .map(|r| CandidateRow {
            tags: tags.iter().filter(|(c, _)| *c == r.id).map(|(_, t)| t.clone()).collect(),
            name: format!("{} {}", r.family_name, r.given_name),
            kana: match (r.family_name_kana, r.given_name_kana) {
                (Some(f), Some(g)) => Some(format!("{f} {g}")),
                _ => None,
            },
            source_channel: SourceChannel::parse(&r.source_channel).unwrap_or(SourceChannel::Other),
            id: r.id,
            email: r.email,
            created_at: r.created_at,
            last_contact_at: r.last_contact_at,
        })
        .collect();
    Ok((rows, next))
}

/// (candidate id, tag name) for some candidates.
async fn tags_of(db: &Db, ids: &[&str]) -> Result<Vec<(String, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
    let sql = format!(
        "SELECT ct.candidate_id, t.name FROM candidate_tags ct JOIN tags t ON t.id = ct.tag_id \
         WHERE ct.candidate_id IN ({}) ORDER BY t.name",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(db.pool()).await
}
