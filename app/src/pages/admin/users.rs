//! The company's own users (admins): invite with a role, change roles, disable and enable accounts.
use crate::api::users::{load_users, InviteUser, SetStaffPassword, UpdateUser};
use crate::components::forms::{use_form_error, use_kept_value, Field, FormAlert};
use crate::components::i18n::{format_date, t};
use crate::components::passwords::SetPasswordPage;
use crate::domain::{Role, StaffUser};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const ROLES: [Role; 3] = [Role::Viewer, Role::Recruiter, Role::Admin];

pub fn role_label(role: Role) -> Msg {
    match role {
        Role::Viewer => Msg::RoleViewer,
        Role::Recruiter => Msg::RoleRecruiter,
        Role::Admin | Role::Agency => Msg::RoleAdmin,
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <Title text=t(Msg::UsersTitle) />
        <Suspense fallback=|| ()>
            {Suspend::new(async move {
                crate::components::errors::page_or(crate::components::loading::run(load_users()).await, "/admin/sign-in", |users| view! { <Users users=users /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Users(users: Vec<StaffUser>) -> impl IntoView {
    let (invited, changed) =
        use_query_map().with_untracked(|q| (q.get("invited").is_some(), q.get("changed").is_some()));
    let error = use_form_error();
    let kept_role = Role::parse(&use_kept_value("role")).unwrap_or(Role::Recruiter);
    view! {
        <h1>{t(Msg::UsersTitle)}</h1>
        <p>{t(Msg::UsersIntro)}</p>
        <FormAlert error=error />
        {invited.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::UserInvitedNotice)}</div> })}
        {changed.then(|| view! { <div class="alert alert-ok" role="status">{t(Msg::UserChangedNotice)}</div> })}
        <div class="table-scroll">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::NameLabel)}</th>
                        <th scope="col">{t(Msg::EmailLabel)}</th>
                        <th scope="col">{t(Msg::RoleLabel)}</th>
                        <th scope="col">{t(Msg::StatusLabel)}</th>
                        <th scope="col">{t(Msg::CreatedLabel)}</th>
                    </tr>
                </thead>
                <tbody>
                    {users.into_iter().map(|u| {
                        let select_id = format!("role-{}", u.id);
                        let status = if !u.active { Msg::UserDisabled } else if u.invited { Msg::UserInvited } else { Msg::UserActive };
                        let (toggle, toggle_label) = if u.active { ("disable", Msg::DisableUserButton) } else { ("enable", Msg::EnableUserButton) };
                        let toggle_name = format!("{} {}", t(toggle_label), u.display_name);
                        view! {
                            <tr>
                                <th scope="row">{u.display_name.clone()}</th>
                                <td>{u.email.clone()}</td>
                                <td>
                                    <form method="post" action=UpdateUser::url() class="inline-form">
                                        <input type="hidden" name="id" value=u.id.clone() />
                                        <input type="hidden" name="action" value="role" />
                                        <label for=select_id.clone() class="visually-hidden">{format!("{} {}", t(Msg::RoleLabel), u.display_name)}</label>
                                        <select id=select_id name="role">
                                            {ROLES.iter().map(|r| view! { <option value=r.as_str() selected=*r == u.role>{t(role_label(*r))}</option> }).collect_view()}
                                        </select>
                                        " "
                                        <button type="submit" class="button-link">{t(Msg::ChangeRoleButton)}</button>
                                    </form>
                                </td>
                                <td>
                                    {t(status)}" "
                                    <form method="post" action=UpdateUser::url() class="inline-form">
                                        <input type="hidden" name="id" value=u.id.clone() />
                                        <input type="hidden" name="action" value=toggle />
                                        <button type="submit" class="button-link" aria-label=toggle_name>{t(toggle_label)}</button>
                                    </form>
                                </td>
                                <td>{format_date(u.created_at)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <section class="card" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{t(Msg::InviteUserTitle)}</h2>
            <form method="post" action=InviteUser::url() novalidate>
                <Field name="email" label=Msg::EmailLabel value=use_kept_value("email") kind="email" />
                <Field name="display_name" label=Msg::NameLabel value=use_kept_value("display_name") />
                <div class="field">
                    <label for="invite-role">{t(Msg::RoleLabel)}</label>
                    <select id="invite-role" name="role">
                        {ROLES.iter().map(|r| view! { <option value=r.as_str() selected=*r == kept_role>{t(role_label(*r))}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="button">{t(Msg::InviteUserButton)}</button>
            </form>
        </section>
    }
}

#[component]
pub fn StaffSetPasswordPage() -> impl IntoView {
    view! { <SetPasswordPage action=SetStaffPassword::url() title=Msg::StaffSetPasswordTitle body=Msg::StaffSetPasswordBody /> }
}
