//! Events (information sessions): the list, a new event, attendees, attendance and the follow-up mail.
use crate::api::events::{load_event, load_events, CreateEvent, EventAction, EventPage};
use crate::components::forms::{use_form_error, use_kept_value, FormAlert};
use crate::components::i18n::{format_date, format_datetime, t};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EventsPage() -> impl IntoView {
    let error = use_form_error();
    view! {
        <Title text=t(Msg::EventsTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_events()).await, "/admin/sign-in", move |events| view! {
                    <h1>{t(Msg::EventsTitle)}</h1>
                    <ul class="application-list card">
                        {events.is_empty().then(|| view! { <li>{t(Msg::NoEvents)}</li> })}
                        {events.into_iter().map(|e| view! {
                            <li class="application">
                                <a class="application-title" href=format!("/admin/events/{}", e.id)>{e.title}</a>
                                <span class="muted">{format_datetime(e.starts_at)}" · "{e.location}</span>
                                <span class="badge">{t(Msg::EventAttendedCount)}" "{e.attended}"/"{e.registered}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <section class="card" aria-labelledby="new-event">
                        <h2 id="new-event">{t(Msg::NewEvent)}</h2>
                        <FormAlert error=error />
                        <form method="post" action=CreateEvent::url()>
                            <div class="field">
                                <label for="event-title">{t(Msg::EventTitleLabel)}</label>
                                <input id="event-title" name="title" type="text" required maxlength="200" value=use_kept_value("title") />
                            </div>
                            <div class="field-row">
                                <div class="field">
                                    <label for="event-date">{t(Msg::InterviewDate)}</label>
                                    <input id="event-date" name="date" type="date" required value=use_kept_value("date") />
                                </div>
                                <div class="field">
                                    <label for="event-time">{t(Msg::InterviewTime)}</label>
                                    <input id="event-time" name="time" type="time" required value=use_kept_value("time") />
                                </div>
                            </div>
                            <div class="field">
                                <label for="event-location">{t(Msg::InterviewPlace)}</label>
                                <input id="event-location" name="location" type="text" required maxlength="200" value=use_kept_value("location") />
                            </div>
                            <button type="submit" class="button">{t(Msg::CreateEventButton)}</button>
                        </form>
                    </section>
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
pub fn EventAdminPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_event(id.clone())).await, "/admin/sign-in", |page| view! { <Event page=page /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Event(page: EventPage) -> impl IntoView {
    let error = use_form_error();
    let query = use_query_map();
    let notice = query.with_untracked(|q| {
        q.get("done").map(|done| match done.as_str() {
            "followed" => format!(
                "{}: {} · {}: {}",
                t(Msg::FollowUpSent),
                q.get("sent").unwrap_or_default(),
                t(Msg::FollowUpSkipped),
                q.get("skipped").unwrap_or_default()
            ),
            _ => t(Msg::Saved).to_owned(),
        })
    });
    let EventPage { event, attendees } = page;
    let event_id = event.id.clone();
    view! {
        <Title text=event.title.clone() />
        <h1>{event.title.clone()}</h1>
        <p class="muted">{format_datetime(event.starts_at)}" · "{event.location}</p>
        <p><a href="/admin/events">{t(Msg::EventsTitle)}</a></p>
        <FormAlert error=error />
        {notice.map(|n| view! { <div class="alert alert-ok" role="status">{n}</div> })}
        <section class="card" aria-labelledby="attendees-heading">
            <h2 id="attendees-heading">{t(Msg::AttendeesTitle)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t(Msg::NameLabel)}</th>
                            <th scope="col">{t(Msg::EmailLabel)}</th>
                            <th scope="col">{t(Msg::EventAttendedCount)}</th>
                            <th scope="col">{t(Msg::FollowUpSent)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {attendees.into_iter().map(|a| {
                            let event_id = event_id.clone();
                            let attended = a.attended_at.is_some();
                            let label = format!("{}: {}", t(if attended { Msg::MarkAbsent } else { Msg::MarkAttended }), a.name);
                            view! {
                                <tr>
                                    <td><a href=format!("/admin/candidates/{}", a.candidate_id)>{a.name.clone()}</a></td>
                                    <td>{a.email}</td>
                                    <td>
                                        {attended.then(|| view! { <span class="badge badge-ok">{t(Msg::Attended)}</span>" " })}
                                        <form method="post" action=EventAction::url() class="inline-form">
                                            <input type="hidden" name="event_id" value=event_id />
                                            <input type="hidden" name="candidate_id" value=a.candidate_id.clone() />
                                            <input type="hidden" name="action" value=if attended { "absent" } else { "attended" } />
                                            <button type="submit" class="button-link" aria-label=label>
                                                {t(if attended { Msg::MarkAbsent } else { Msg::MarkAttended })}
                                            </button>
                                        </form>
                                    </td>
                                    <td>{a.followed_up_at.map(format_date).unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <form method="post" action=EventAction::url() class="search-row">
                <input type="hidden" name="event_id" value=event_id.clone() />
                <input type="hidden" name="action" value="add" />
                <label for="attendee-email">{t(Msg::AddAttendee)}</label>
                <input id="attendee-email" name="email" type="email" required value=use_kept_value("email") />
                <button type="submit" class="button button-secondary">{t(Msg::AddTagButton)}</button>
            </form>
        </section>
        <section class="card" aria-labelledby="follow-up-heading">
            <h2 id="follow-up-heading">{t(Msg::FollowUpTitle)}</h2>
            <p>{t(Msg::FollowUpHint)}</p>
            <form method="post" action=EventAction::url()>
                <input type="hidden" name="event_id" value=event_id.clone() />
                <input type="hidden" name="action" value="follow_up" />
                <button type="submit" class="button">{t(Msg::FollowUpButton)}</button>
            </form>
        </section>
    }
}
