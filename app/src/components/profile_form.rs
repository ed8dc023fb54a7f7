//! The profile form: the candidate's own (portal) and the recruiter's correction of it (candidate page).
use crate::api::profile::SaveProfile;
use crate::components::forms::Field;
use crate::components::i18n::t;
use crate::domain::Profile;
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What the form shows: the stored profile, or what was typed when saving it failed.
pub fn kept(stored: &Profile) -> Profile {
    if !crate::components::forms::has_kept_values() {
        return stored.clone();
    }
    let value = crate::components::forms::use_kept_value;
    Profile {
        email: stored.email.clone(),
        family_name: value("family_name"),
        given_name: value("given_name"),
        family_name_kana: value("family_name_kana"),
        given_name_kana: value("given_name_kana"),
        phone: value("phone"),
        location: value("location"),
        skills: value("skills"),
        desired_roles: value("desired_roles"),
        desired_locations: value("desired_locations"),
    }
}

/// The profile fields; also the recruiter's form on the candidate page (`action` and a hidden `candidate_id`).
#[component]
pub fn ProfileForm(
    profile: Profile,
    #[prop(default = SaveProfile::url())] action: &'static str,
    #[prop(optional)] candidate_id: Option<String>,
) -> impl IntoView {
    view! {
        <section class="card">
            <div class="field">
                <label for="email-readonly">{t(Msg::EmailLabel)}</label>
                <input id="email-readonly" type="email" value=profile.email readonly aria-describedby="email-hint" />
                <p class="muted" id="email-hint">{t(Msg::EmailReadOnlyHint)}</p>
            </div>
            <form method="post" action=action novalidate>
                {candidate_id.map(|id| view! { <input type="hidden" name="candidate_id" value=id /> })}
                <div class="field-row">
                    <Field name="family_name" label=Msg::FamilyNameLabel value=profile.family_name />
                    <Field name="given_name" label=Msg::GivenNameLabel value=profile.given_name />
                </div>
                <div class="field-row">
                    <Field name="family_name_kana" label=Msg::FamilyKanaLabel value=profile.family_name_kana />
                    <Field name="given_name_kana" label=Msg::GivenKanaLabel value=profile.given_name_kana />
                </div>
                <Field name="phone" label=Msg::PhoneLabel value=profile.phone kind="tel" />
                <Field name="location" label=Msg::LocationLabel value=profile.location />
                <Field name="skills" label=Msg::SkillsLabel value=profile.skills hint=Msg::ListHint />
                <Field name="desired_roles" label=Msg::DesiredRolesLabel value=profile.desired_roles hint=Msg::ListHint />
                <Field name="desired_locations" label=Msg::DesiredLocationsLabel value=profile.desired_locations hint=Msg::ListHint />
                <button type="submit" class="button">{t(Msg::SaveProfile)}</button>
            </form>
        </section>
    }
}
