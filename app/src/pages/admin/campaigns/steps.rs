//! A campaign's steps: a form per step while it is a draft (each posts alone, so a mistake in one loses nothing
//! typed in another), else the wording as it was sent.
use crate::api::campaigns::{AddCampaignStep, RemoveCampaignStep, SaveCampaignStep};
use crate::components::forms::{kept_value, use_field_error};
use crate::components::i18n::t;
use crate::domain::campaigns::{CampaignKind, DelayUnit, Step, StepAnchor};
use crate::i18n::Msg;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn StepsView(id: String, kind: CampaignKind, steps: Vec<Step>, edit: bool) -> impl IntoView {
    let several = steps.len() > 1;
    view! {
        <section class="card" aria-labelledby="campaign-steps">
            <h2 id="campaign-steps">{t(Msg::CampaignStepsHeading)}</h2>
            {edit.then(|| view! { <p class="muted">{t(Msg::CampaignFieldsHelp)}</p> })}
            {steps.into_iter().map(|step| if edit {
                view! { <StepForm id=id.clone() step=step removable=several /> }.into_any()
            } else {
                view! { <StepText step=step /> }.into_any()
            }).collect_view()}
            {(edit && kind == CampaignKind::Sequence).then(|| view! {
                <form method="post" action=AddCampaignStep::url()>
                    <input type="hidden" name="id" value=id.clone() />
                    <button type="submit" class="button button-secondary">{t(Msg::AddStepButton)}</button>
                </form>
            })}
        </section>
    }
}

fn delay_text(step: &Step) -> String {
    let unit = if step.unit == DelayUnit::Months { Msg::StepUnitMonths } else { Msg::StepUnitDays };
    let anchor = if step.anchor == StepAnchor::Rejection { Msg::StepAnchorRejection } else { Msg::StepAnchorPrevious };
    format!("{}: {} {} ({}: {})", t(Msg::StepDelay), step.delay, t(unit), t(Msg::StepAnchor), t(anchor))
}

#[component]
fn StepText(step: Step) -> impl IntoView {
    view! {
        <article class="mail-preview">
            <h3>{t(Msg::CampaignStepLabel)}" "{step.position + 1}</h3>
            <p class="muted">{delay_text(&step)}</p>
            <p><strong>{step.subject_ja.clone()}</strong></p>
            <pre class="mail-body">{step.body_ja.clone()}</pre>
            <p><strong>{step.subject_en.clone()}</strong></p>
            <pre class="mail-body">{step.body_en.clone()}</pre>
        </article>
    }
}

/// One labelled input of a step's form, named `field.position` (ids too, so that every label finds its input).
fn input(field: &str, position: i64, label: Msg, value: String, multiline: bool) -> impl IntoView {
    let name = format!("{field}.{position}");
    let error = use_field_error(&name);
    let value = kept_value(&name).unwrap_or(value);
    let error_id = format!("{name}-error");
    let described = error.map(|_| error_id.clone());
    let invalid = error.map(|_| "true");
    view! {
        <div class="field">
            <label for=name.clone()>{t(label)}</label>
            {if multiline {
                view! { <textarea id=name.clone() name=field.to_owned() rows="8" aria-invalid=invalid aria-describedby=described.clone()>{value}</textarea> }.into_any()
            } else {
                view! { <input id=name.clone() name=field.to_owned() type="text" value=value aria-invalid=invalid aria-describedby=described.clone() /> }.into_any()
            }}
            {error.map(|m| view! { <p class="field-error" id=error_id>{t(m)}</p> })}
        </div>
    }
}

#[component]
fn StepForm(id: String, step: Step, removable: bool) -> impl IntoView {
    let p = step.position;
    let unit = kept_value(&format!("unit.{p}")).unwrap_or_else(|| step.unit.as_str().to_owned());
    let anchor = kept_value(&format!("anchor.{p}")).unwrap_or_else(|| step.anchor.as_str().to_owned());
    let heading = format!("{} {}", t(Msg::CampaignStepLabel), p + 1);
    view! {
        <article class="mail-preview" aria-label=heading.clone()>
            <h3>{heading.clone()}</h3>
            <form method="post" action=SaveCampaignStep::url()>
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="position" value=p.to_string() />
                <div class="search-row">
                    {input("delay", p, Msg::StepDelay, step.delay.to_string(), false)}
                    <div class="field">
                        <label for=format!("unit.{p}")>{t(Msg::StepUnit)}</label>
                        <select id=format!("unit.{p}") name="unit">
                            <option value="days" selected=unit == "days">{t(Msg::StepUnitDays)}</option>
                            <option value="months" selected=unit == "months">{t(Msg::StepUnitMonths)}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for=format!("anchor.{p}")>{t(Msg::StepAnchor)}</label>
                        <select id=format!("anchor.{p}") name="anchor">
                            <option value="previous" selected=anchor == "previous">{t(Msg::StepAnchorPrevious)}</option>
                            <option value="rejection" selected=anchor == "rejection">{t(Msg::StepAnchorRejection)}</option>
                        </select>
                    </div>
                </div>
                {input("subject_ja", p, Msg::StepSubjectJa, step.subject_ja.clone(), false)}
                {input("body_ja", p, Msg::StepBodyJa, step.body_ja.clone(), true)}
                {input("subject_en", p, Msg::StepSubjectEn, step.subject_en.clone(), false)}
                {input("body_en", p, Msg::StepBodyEn, step.body_en.clone(), true)}
                <button type="submit" class="button">{t(Msg::SaveStepButton)}</button>
            </form>
            {removable.then(|| view! {
                <form method="post" action=RemoveCampaignStep::url()>
                    <input type="hidden" name="id" value=id.clone() />
                    <input type="hidden" name="position" value=p.to_string() />
                    <button type="submit" class="button button-danger" aria-label=format!("{}: {}", t(Msg::RemoveStepButton), heading)>{t(Msg::RemoveStepButton)}</button>
                </form>
            })}
        </article>
    }
}
