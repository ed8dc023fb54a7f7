//! The company's own users (`/admin/users`) and the set-password page of an invited colleague.
use crate::domain::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::backend::prelude::*;

/// The company's own users (admins).
#[server(prefix = "/api", endpoint = "admin/users")]
pub async fn load_users() -> Result<Vec<crate::domain::StaffUser>, AppError> {
    let state = app_state()?;
    require_recruiter(&state, Role::Admin).await?;
    Ok(crate::backend::users::list(&state.db).await?)
}

/// Invites a colleague with a role (admins): they get a mail with a link to set their password.
#[server(prefix = "/api", endpoint = "admin/invite-user")]
pub async fn invite_user(email: String, display_name: String, role: String) -> Result<(), AppError> {
    use crate::backend::users;
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let invited = users::invite(&state.db, &state.config, &email, &display_name, &role, &admin.actor(), now_ms()).await;
    let typed = [("email", email.as_str()), ("display_name", &display_name), ("role", &role)];
    form_answer(invited, |_| "/admin/users?invited=1".into(), "/admin/users", &typed)
}

/// Changes a colleague's account (admins): a new role (with `role`), or disable or enable it.
#[server(prefix = "/api", endpoint = "admin/update-user")]
pub async fn update_user(id: String, action: Choice<UserAction>, role: Option<String>) -> Result<(), AppError> {
    use crate::backend::users::{self, Change};
    let state = app_state()?;
    let admin = require_recruiter(&state, Role::Admin).await?;
    let role = role.unwrap_or_default();
    let changed = match action.known("action") {
        Ok(action) => {
            let change = match action {
                UserAction::Role => Change::Role(&role),
                UserAction::Disable => Change::Disable,
                UserAction::Enable => Change::Enable,
            };
            users::change(&state.db, &id, change, &admin.actor(), now_ms()).await
        }
        Err(error) => Err(error),
    };
    form_answer(changed, |()| "/admin/users?changed=1".into(), "/admin/users", &[])
}

/// An invited colleague chooses a password and is signed in.
#[server(prefix = "/api", endpoint = "admin/set-password")]
pub async fn set_staff_password(token: String, password: String) -> Result<(), AppError> {
    use crate::backend::core::{request::start_session, sessions::SessionKind};
    use crate::backend::users;
    let state = app_state()?;
    let back = format!("/admin/set-password/{}", percent_encode(&token));
    match users::set_password(&state.db, &token, &password, false, &client_ip(), now_ms()).await {
        Ok(user_id) => {
            start_session(&state, SessionKind::Recruiter, &user_id).await?;
            leptos_axum::redirect("/admin");
            Ok(())
        }
        Err(error) => form_error(error, &back, &[]),
    }
}
