//! One segment: who is in it now, and its rules as rows a plain form edits (each button posts the whole form).
use super::segment_name;
use crate::api::segments::{load_segment, CreateSegment, DeleteSegment, SaveSegment};
use crate::components::forms::{has_kept_values, kept_value, use_field_error, use_form_error, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::labels::{invitation_status_label, purpose_title, source_label, stage_label};
use crate::domain::segments::{Field, Join, RowInput, SegmentConsent, SegmentPage, MAX_DEPTH, MAX_ROWS};
use crate::domain::{ConsentPurpose, InvitationStatus, Outcome, SourceChannel, Stage};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SegmentPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_segment(id.clone())).await, "/admin/sign-in", |page| view! { <SegmentView page=page /> }.into_any())
            })}
        </Suspense>
    }
}

/// The rows a failed post kept for this page.
fn kept_rows() -> Vec<RowInput> {
    (0..=MAX_ROWS)
        .map_while(|i| {
            let value = |key: &str| kept_value(&format!("rows[{i}][{key}]"));
            Some(RowInput {
                depth: value("depth")?,
                kind: value("kind")?,
                a: value("a")?,
                b: value("b")?,
                was: value("was")?,
            })
        })
        .collect()
}

#[component]
fn SegmentView(page: SegmentPage) -> impl IntoView {
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some() || q.get("edited").is_some());
    let error = use_form_error();
    let kept = has_kept_values();
    let rows = if kept { kept_rows() } else { page.rows.clone() };
    let name_ja = if kept { kept_value("name_ja").unwrap_or_default() } else { page.segment.name_ja.clone() };
    let name_en = if kept { kept_value("name_en").unwrap_or_default() } else { page.segment.name_en.clone() };
    let title = segment_name(&page.segment);
    let id = page.segment.id.clone();
    let can_edit = page.can_edit;
    let save_button = move || view! { <button type="submit" class="button" name="action" value="save">{t(Msg::SegmentSaveButton)}</button> };
    view! {
        <Title text=title.clone() />
        <h1>{title.clone()}</h1>
        <p><a href="/admin/segments">{t(Msg::SegmentsTitle)}</a></p>
        {(saved && !kept).then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::Saved)}</div> })}
        <FormAlert error=error />
        <section class="card" aria-labelledby="segment-count">
            <h2 id="segment-count">{t(Msg::SegmentCount)}</h2>
            <p class="segment-count">{page.count}</p>
            {(kept && error.is_some()).then(|| view! { <p class="muted">{t(Msg::SegmentUnsavedNote)}</p> })}
            <h3>{t(Msg::SegmentMembersHeading)}</h3>
            {if page.members.is_empty() {
                view! { <p class="muted">{t(Msg::SegmentNoMembers)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table>
                            <thead><tr><th scope="col">{t(Msg::ColName)}</th><th scope="col">{t(Msg::EmailLabel)}</th><th scope="col">{t(Msg::ColAdded)}</th></tr></thead>
                            <tbody>
                                {page.members.iter().map(|m| view! {
                                    <tr>
                                        <td><a href=format!("/admin/candidates/{}", m.id)>{m.name.clone()}</a></td>
                                        <td>{m.email.clone()}</td>
                                        <td>{format_date(m.created_at)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="segment-rules">
            <h2 id="segment-rules">{t(Msg::SegmentRulesHeading)}</h2>
            {(!can_edit).then(|| view! { <p class="muted">{t(Msg::SegmentReadOnly)}</p> })}
            <form method="post" action=SaveSegment::url()>
                <fieldset disabled=!can_edit class="plain">
                    <legend class="visually-hidden">{t(Msg::SegmentRulesHeading)}</legend>
                    <input type="hidden" name="id" value=id.clone() />
                    <crate::components::forms::Field name="name_ja" label=Msg::SegmentNameJa value=name_ja />
                    <crate::components::forms::Field name="name_en" label=Msg::SegmentNameEn value=name_en />
                    <p class="muted">{t(Msg::SegmentRulesHint)}</p>
                    {can_edit.then(save_button)}
                    <ol class="segment-rows">
                        {rows.iter().enumerate().map(|(i, row)| row_view(i, row, &page, can_edit)).collect_view()}
                    </ol>
                    {can_edit.then(save_button)}
                </fieldset>
            </form>
        </section>
        {can_edit.then(|| view! {
            <section class="card" aria-labelledby="segment-manage">
                <h2 id="segment-manage" class="visually-hidden">{t(Msg::CopySegmentButton)}</h2>
                <form method="post" action=CreateSegment::url() class="search-row">
                    <input type="hidden" name="copy_of" value=id.clone() />
                    <input type="hidden" name="name_ja" value=format!("{}{}", Msg::CopySegmentPrefix.text(crate::i18n::Lang::Ja), page.segment.name_ja) />
                    <input type="hidden" name="name_en" value=format!("{}{}", Msg::CopySegmentPrefix.text(crate::i18n::Lang::En), page.segment.name_en) />
                    <button type="submit" class="button button-secondary">{t(Msg::CopySegmentButton)}</button>
                </form>
                <form method="post" action=DeleteSegment::url() class="search-row">
                    <input type="hidden" name="id" value=id.clone() />
                    <button type="submit" class="button button-danger">{t(Msg::DeleteSegmentButton)}</button>
                </form>
            </section>
        })}
    }
}

fn join_label(join: Join) -> Msg {
    match join {
        Join::All => Msg::SegmentJoinAll,
        Join::Any => Msg::SegmentJoinAny,
        Join::NoneOf => Msg::SegmentJoinNone,
    }
}

fn field_label(field: Field) -> Msg {
    match field {
        Field::Tag => Msg::FieldTag,
        Field::Source => Msg::FieldSource,
        Field::StageReached => Msg::FieldStageReached,
        Field::Outcome => Msg::FieldOutcome,
        Field::DeclineReason => Msg::FieldDeclineReason,
        Field::RejectedDaysAgo => Msg::FieldRejectedDaysAgo,
        Field::ContactDaysAgo => Msg::FieldContactDaysAgo,
        Field::Consent => Msg::FieldConsent,
        Field::Topic => Msg::FieldTopic,
        Field::Location => Msg::FieldLocation,
        Field::Skill => Msg::FieldSkill,
        Field::DesiredRole => Msg::FieldDesiredRole,
        Field::Event => Msg::FieldEvent,
        Field::Invitation => Msg::FieldInvitation,
        Field::AddedBetween => Msg::FieldAddedBetween,
        Field::Applied => Msg::FieldApplied,
    }
}

/// A labelled select of (value, text) options with `current` chosen (kept as an option even when unknown).
fn select(i: usize, key: &'static str, label: Msg, options: Vec<(String, String)>, current: &str) -> AnyView {
    let id = format!("row-{i}-{key}");
    let mut options = options;
    if !current.is_empty() && !options.iter().any(|(v, _)| v == current) {
        options.insert(0, (current.to_owned(), current.to_owned()));
    }
    let current = current.to_owned();
    view! {
        <label class="visually-hidden" for=id.clone()>{format!("{} {}: {}", t(Msg::SegmentRowLabel), i + 1, t(label))}</label>
        <select id=id name=format!("rows[{i}][{key}]")>
            {options.into_iter().map(|(value, text)| {
                let selected = value == current;
                view! { <option value=value selected=selected>{text}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}

fn input(i: usize, key: &'static str, label: Msg, kind: &'static str, value: &str) -> AnyView {
    let id = format!("row-{i}-{key}");
    view! {
        <label class="visually-hidden" for=id.clone()>{format!("{} {}: {}", t(Msg::SegmentRowLabel), i + 1, t(label))}</label>
        <input id=id name=format!("rows[{i}][{key}]") type=kind value=value.to_owned() maxlength="100" min=(kind == "number").then_some("0") />
    }
    .into_any()
}

fn hidden(i: usize, key: &'static str, value: &str) -> AnyView {
    view! { <input type="hidden" name=format!("rows[{i}][{key}]") value=value.to_owned() /> }.into_any()
}

fn labelled<T: Copy>(all: &[T], value: impl Fn(T) -> &'static str, label: impl Fn(T) -> Msg) -> Vec<(String, String)> {
    all.iter().map(|x| (value(*x).to_owned(), t(label(*x)).to_owned())).collect()
}

/// The value inputs a condition row shows for its field.
fn values_view(i: usize, row: &RowInput, page: &SegmentPage) -> Vec<AnyView> {
    let (a, b) = (row.a.as_str(), row.b.as_str());
    match Field::parse(&row.kind) {
        Some(Field::Tag) => {
            vec![
                select(i, "a", Msg::FieldTag, page.tags.iter().map(|t| (t.clone(), t.clone())).collect(), a),
                hidden(i, "b", ""),
            ]
        }
        Some(Field::Source) => vec![
            select(i, "a", Msg::FieldSource, labelled(SourceChannel::ALL, SourceChannel::as_str, source_label), a),
            hidden(i, "b", ""),
        ],
        Some(Field::StageReached) => vec![
            select(i, "a", Msg::FieldStageReached, labelled(Stage::ALL, Stage::as_str, |s| stage_label(s, None)), a),
            hidden(i, "b", ""),
        ],
        Some(Field::Outcome) => vec![
            select(
                i,
                "a",
                Msg::FieldOutcome,
                labelled(Outcome::ALL, Outcome::as_str, |o| stage_label(Stage::Applied, Some(o))),
                a,
            ),
            hidden(i, "b", ""),
        ],
        Some(Field::DeclineReason) => {
            vec![select(i, "a", Msg::FieldDeclineReason, page.reasons.clone(), a), hidden(i, "b", "")]
        }
        Some(Field::RejectedDaysAgo | Field::ContactDaysAgo) => {
            vec![input(i, "a", Msg::SegmentDaysMin, "number", a), input(i, "b", Msg::SegmentDaysMax, "number", b)]
        }
        Some(Field::Consent) => {
            let purposes = labelled(SegmentConsent::ALL, SegmentConsent::as_str, |p| {
                purpose_title(ConsentPurpose::parse(p.as_str()).unwrap_or(ConsentPurpose::TalentPool))
            });
            let states = vec![
                ("granted".into(), t(Msg::SegmentGranted).into()),
                ("not_granted".into(), t(Msg::SegmentNotGranted).into()),
            ];
            vec![select(i, "a", Msg::FieldConsent, purposes, a), select(i, "b", Msg::SegmentValue, states, b)]
        }
        Some(Field::Topic) => {
            let topics = page.topics.iter().map(|t| (t.key.clone(), t.label.clone())).collect();
            vec![select(i, "a", Msg::FieldTopic, topics, a), hidden(i, "b", "")]
        }
        Some(Field::Location | Field::Skill | Field::DesiredRole) => {
            vec![input(i, "a", Msg::SegmentTextValue, "text", a), hidden(i, "b", "")]
        }
        Some(Field::Event) => {
            let mut events = vec![(String::new(), t(Msg::SegmentAnyEvent).to_owned())];
            events.extend(page.events.clone());
            let states = vec![
                ("attended".into(), t(Msg::SegmentAttended).into()),
                ("no_show".into(), t(Msg::SegmentNoShow).into()),
            ];
            vec![select(i, "a", Msg::FieldEvent, events, a), select(i, "b", Msg::SegmentValue, states, b)]
        }
        Some(Field::Invitation) => vec![
            select(
                i,
                "a",
                Msg::FieldInvitation,
                labelled(InvitationStatus::ALL, InvitationStatus::as_str, invitation_status_label),
                a,
            ),
            hidden(i, "b", ""),
        ],
        Some(Field::AddedBetween) => {
            vec![input(i, "a", Msg::SegmentDateFrom, "date", a), input(i, "b", Msg::SegmentDateTo, "date", b)]
        }
        Some(Field::Applied) | None => vec![hidden(i, "a", ""), hidden(i, "b", "")],
    }
}

fn row_view(i: usize, row: &RowInput, page: &SegmentPage, can_edit: bool) -> AnyView {
    let depth = row.depth().min(MAX_DEPTH);
    let error = use_field_error(&format!("rows[{i}]"));
    let error_view = error.map(|m| view! { <p class="field-error" role="alert">{format!("{} {}: ", t(Msg::SegmentRowLabel), i + 1)}{t(m)}</p> });
    // each button names its row, so that a screen reader's list of buttons tells them apart
    let button = move |action: String, label: Msg| {
        let name = format!("{} {}: {}", t(Msg::SegmentRowLabel), i + 1, t(label));
        can_edit.then(|| view! { <button type="submit" class="button button-secondary" name="action" value=action aria-label=name>{t(label)}</button> })
    };
    let remove = (i > 0).then(|| button(format!("remove:{i}"), Msg::SegmentRemove));
    if let Some(join) = row.join() {
        let joins = labelled(Join::ALL, Join::as_str, join_label);
        view! {
            <li class=format!("segment-row group depth-{depth}")>
                {hidden(i, "depth", &row.depth)}
                {hidden(i, "was", join.as_str())}
                {select(i, "kind", Msg::SegmentRulesHeading, joins, join.as_str())}
                {hidden(i, "a", "")}
                {hidden(i, "b", "")}
                {button(format!("add:{i}"), Msg::SegmentAddCondition)}
                {(depth + 1 < MAX_DEPTH).then(|| button(format!("group:{i}"), Msg::SegmentAddGroup))}
                {remove}
                {error_view}
            </li>
        }
        .into_any()
    } else {
        let fields = labelled(Field::ALL, Field::as_str, field_label);
        view! {
            <li class=format!("segment-row depth-{depth}")>
                {hidden(i, "depth", &row.depth)}
                {hidden(i, "was", &row.kind)}
                {select(i, "kind", Msg::SegmentFieldLabel, fields, &row.kind)}
                {values_view(i, row, page)}
                {remove}
                {error_view}
            </li>
        }
        .into_any()
    }
}
