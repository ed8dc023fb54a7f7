//! Mail templates: one per kind of mail Kizuna sends a candidate, in each language, with the merge fields the
//! kind may use (checked when a template is saved, so that none can turn up blank at send time).
use super::types::text_enum;
use crate::i18n::{Lang, Msg};
use serde::{Deserialize, Serialize};

text_enum!(
    /// A mail that recruiters can word themselves.
    TemplateKind {
        SignIn = "sign_in", SignUp = "sign_up", Rejection = "rejection", Invitation = "invitation",
        InvitationReminder = "invitation_reminder", Interview = "interview", InterviewMoved = "interview_moved",
        InterviewReminder = "interview_reminder", EventFollowUp = "event_follow_up", EventNoShow = "event_no_show",
        StagePassed = "stage_passed", Offer = "offer",
    }
);

const INTERVIEW_FIELDS: &[&str] = &["name", "job_title", "interview_time", "interview_place"];
const INVITATION_FIELDS: &[&str] = &["name", "job_title", "invitation_link"];

impl TemplateKind {
    /// The merge fields a template of this kind may use.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::SignIn => &["name", "sign_in_link"],
            Self::SignUp => &["name", "sign_up_link"],
            Self::Rejection => &["name", "job_title", "relay_link"],
            Self::Invitation | Self::InvitationReminder => INVITATION_FIELDS,
            Self::Interview | Self::InterviewMoved | Self::InterviewReminder => INTERVIEW_FIELDS,
            Self::EventFollowUp | Self::EventNoShow => &["name", "event_title"],
            Self::StagePassed | Self::Offer => &["name", "job_title"],
        }
    }

    /// The merge fields without which the mail does not do its job (a sign-in mail without its link, say).
    pub fn required_fields(self) -> &'static [&'static str] {
        match self {
            Self::SignIn => &["sign_in_link"],
            Self::SignUp => &["sign_up_link"],
            Self::Invitation | Self::InvitationReminder => &["invitation_link"],
            Self::Interview | Self::InterviewMoved | Self::InterviewReminder => &["interview_time"],
            Self::Rejection | Self::EventFollowUp | Self::EventNoShow | Self::StagePassed | Self::Offer => &[],
        }
    }

    pub fn label(self) -> Msg {
        match self {
            Self::SignIn => Msg::TemplateSignIn,
            Self::SignUp => Msg::TemplateSignUp,
            Self::Rejection => Msg::TemplateRejection,
            Self::Invitation => Msg::TemplateInvitation,
            Self::InvitationReminder => Msg::TemplateInvitationReminder,
            Self::Interview => Msg::TemplateInterview,
            Self::InterviewMoved => Msg::TemplateInterviewMoved,
            Self::InterviewReminder => Msg::TemplateInterviewReminder,
            Self::EventFollowUp => Msg::TemplateEventFollowUp,
            Self::EventNoShow => Msg::TemplateEventNoShow,
            Self::StagePassed => Msg::TemplateStagePassed,
            Self::Offer => Msg::TemplateOffer,
        }
    }

    /// The built-in wording, used until an admin saves their own.
    pub fn default_text(self, lang: Lang) -> (&'static str, &'static str) {
        match (self, lang) {
            (Self::SignIn, Lang::Ja) => (
                "【Kizuna】マイページへのログインリンク",
                "{{name}} 様\n\nマイページへのログインのご依頼を受け付けました。下のリンクを開き、表示されるボタンを押して\
                 ログインしてください。リンクの有効期限は15分で、一度だけ使えます。\n\n{{sign_in_link}}\n\n\
                 お心当たりがない場合は、このメールを破棄してください。",
            ),
            (Self::SignIn, Lang::En) => (
                "Your Kizuna sign-in link",
                "Dear {{name}},\n\nWe received a request to sign in to your portal. Open the link below and press the \
                 button on the page to sign in. The link works once and expires in 15 minutes.\n\n{{sign_in_link}}\n\n\
                 If you did not ask for this, you can ignore this e-mail.",
            ),
            (Self::Rejection, Lang::Ja) => (
                "【選考結果のご連絡】{{job_title}}",
                "{{name}} 様\n\nこの度は「{{job_title}}」にご応募いただき、誠にありがとうございました。\
                 慎重に選考を進めました結果、誠に残念ではございますが、今回はご期待に沿いかねる結果となりました。\n\n\
                 ご希望の方には、当社の提携人材紹介会社へのご紹介（キャリアリレー）をご用意しています。\
                 紹介を希望するか、どの会社にどの情報を提供するかは、下のリンク先であなたが選べます。\
                 ご希望でなければ何もする必要はなく、今後のご応募に影響することもありません。\n\n\
                 {{relay_link}}\n\n末筆ながら、今後のご活躍を心よりお祈り申し上げます。",
            ),
            (Self::Rejection, Lang::En) => (
                "Your application for {{job_title}}",
                "Dear {{name}},\n\nThank you for applying for {{job_title}}. We considered your application \
                 carefully and are sorry to tell you that we will not be moving forward with it.\n\n\
                 If you wish, we can introduce you to our partner recruitment agencies (career relay). On the page \
                 below you choose whether to be introduced, to which agency and with what information. If you do not \
                 want this, there is nothing to do, and it changes nothing about any future application.\n\n\
                 {{relay_link}}\n\nWe wish you every success.",
            ),
            (Self::Invitation, Lang::Ja) => (
                "【Kizuna】再応募のご案内：{{job_title}}",
                "{{name}} 様\n\n以前ご応募いただいた際のご経験を拝見し、次の求人にご興味があればと思いご連絡しました。\
                 マイページから、ワンクリックで応募・辞退・保留を選べます。\n\n{{job_title}}\n{{invitation_link}}",
            ),
            (Self::Invitation, Lang::En) => (
                "An invitation to apply: {{job_title}}",
                "Dear {{name}},\n\nHaving seen your experience when you applied before, we thought you might be \
                 interested in the job below. In your portal you can apply in one step, decline, or ask us to remind \
                 you later.\n\n{{job_title}}\n{{invitation_link}}",
            ),
            (Self::InvitationReminder, Lang::Ja) => (
                "【Kizuna】再応募のご案内（リマインド）：{{job_title}}",
                "{{name}} 様\n\n「あとで知らせてほしい」とご指定いただいた求人のご案内です。\
                 マイページから応募・辞退を選べます。\n\n{{job_title}}\n{{invitation_link}}",
            ),
            (Self::InvitationReminder, Lang::En) => (
                "Reminder: an invitation to apply: {{job_title}}",
                "Dear {{name}},\n\nYou asked us to remind you of this job. In your portal you can apply or decline.\
                 \n\n{{job_title}}\n{{invitation_link}}",
            ),
            (Self::Interview, Lang::Ja) => (
                "【面接のご案内】{{job_title}}",
                "{{name}} 様\n\n面接の日程が決まりましたのでお知らせします。ご都合が悪い場合はご連絡ください。\n\n\
                 求人: {{job_title}}\n日時: {{interview_time}}\n場所: {{interview_place}}",
            ),
            (Self::Interview, Lang::En) => (
                "Interview: {{job_title}}",
                "Dear {{name}},\n\nYour interview is scheduled. Please let us know if the time does not suit you.\n\n\
                 Job: {{job_title}}\nWhen: {{interview_time}}\nWhere: {{interview_place}}",
            ),
            (Self::InterviewMoved, Lang::Ja) => (
                "【面接日程変更のご案内】{{job_title}}",
                "{{name}} 様\n\n面接の日程が変更になりましたのでお知らせします。\n\n\
                 求人: {{job_title}}\n日時: {{interview_time}}\n場所: {{interview_place}}",
            ),
            (Self::InterviewMoved, Lang::En) => (
                "Your interview has moved: {{job_title}}",
                "Dear {{name}},\n\nThe time of your interview has changed.\n\n\
                 Job: {{job_title}}\nWhen: {{interview_time}}\nWhere: {{interview_place}}",
            ),
            (Self::InterviewReminder, Lang::Ja) => (
                "【明日の面接のご案内】{{job_title}}",
                "{{name}} 様\n\n面接の前日になりましたのでお知らせします。\n\n\
                 求人: {{job_title}}\n日時: {{interview_time}}\n場所: {{interview_place}}",
            ),
            (Self::InterviewReminder, Lang::En) => (
                "Reminder: your interview for {{job_title}}",
                "Dear {{name}},\n\nThis is a reminder of your interview, which is in 24 hours.\n\n\
                 Job: {{job_title}}\nWhen: {{interview_time}}\nWhere: {{interview_place}}",
            ),
            (Self::EventFollowUp, Lang::Ja) => (
                "【ご参加のお礼】{{event_title}}",
                "{{name}} 様\n\n先日は「{{event_title}}」にご参加いただき、誠にありがとうございました。\
                 ご興味をお持ちいただけた求人がございましたら、マイページからいつでもご応募いただけます。\
                 ご不明な点があれば、このメールにご返信ください。",
            ),
            (Self::SignUp, Lang::Ja) => (
                "【Kizuna】ご登録の確認",
                "{{name}} 様\n\nご登録のお申し込みを受け付けました。下のリンクを開き、表示されるボタンを押して\
                 登録を完了してください。リンクの有効期限は24時間で、一度だけ使えます。\n\n{{sign_up_link}}\n\n\
                 お心当たりがない場合は、このメールを破棄してください。登録は行われません。",
            ),
            (Self::SignUp, Lang::En) => (
                "Confirm your registration with Kizuna",
                "Dear {{name}},\n\nWe received a request to register you. Open the link below and press the button on \
                 the page to complete your registration. The link works once and expires in 24 hours.\n\n\
                 {{sign_up_link}}\n\nIf you did not ask for this, ignore this e-mail: nothing is registered.",
            ),
            (Self::EventFollowUp, Lang::En) => (
                "Thank you for joining {{event_title}}",
                "Dear {{name}},\n\nThank you for joining {{event_title}}. If one of our jobs caught your interest, \
                 you can apply from your portal at any time. If you have questions, just reply to this e-mail.",
            ),
            (Self::EventNoShow, Lang::Ja) => (
                "【Kizuna】{{event_title}}の資料をお送りします",
                "{{name}} 様\n\n{{event_title}}にお申し込みいただき、ありがとうございました。当日お会いできず残念でしたが、\
                 内容はマイページからご覧いただけます。次回の開催もご案内いたします。",
            ),
            (Self::EventNoShow, Lang::En) => (
                "We missed you at {{event_title}}",
                "Dear {{name}},\n\nThank you for signing up for {{event_title}}. We are sorry we missed you; what we \
                 showed is in your portal, and we will let you know when we hold it again.",
            ),
            (Self::StagePassed, Lang::Ja) => (
                "【Kizuna】{{job_title}}の選考結果のお知らせ",
                "{{name}} 様\n\n{{job_title}}の選考にご参加いただき、ありがとうございます。次の選考にお進みいただくことに\
                 なりました。日程は追ってご連絡いたします。",
            ),
            (Self::StagePassed, Lang::En) => (
                "Your application for {{job_title}}: the next step",
                "Dear {{name}},\n\nThank you for your time. We are glad to invite you to the next step of the \
                 selection for {{job_title}}; we will be in touch about the date.",
            ),
            (Self::Offer, Lang::Ja) => (
                "【Kizuna】{{job_title}}の内定のお知らせ",
                "{{name}} 様\n\n{{job_title}}の選考の結果、ぜひ一緒に働いていただきたく、内定をお知らせいたします。\
                 条件などは担当者よりご連絡いたします。",
            ),
            (Self::Offer, Lang::En) => (
                "An offer for {{job_title}}",
                "Dear {{name}},\n\nWe are delighted to offer you the position of {{job_title}}. The person looking \
                 after your application will be in touch with the details.",
            ),
        }
    }
}

/// Example values for every merge field, for a preview when no candidate is chosen (and for what a chosen
/// candidate lacks). Links are shown, never issued: a preview must not create a working sign-in link.
pub fn sample_value(field: &str, lang: Lang, base_url: &str) -> String {
    let en = lang == Lang::En;
    match field {
        "name" => if en { "Emma Wilson" } else { "山田 花子" }.into(),
        "job_title" => if en { "Backend Engineer" } else { "バックエンドエンジニア" }.into(),
        "event_title" => if en { "Company information session" } else { "会社説明会" }.into(),
        "interview_time" => "2026-12-01 14:00 – 15:00".into(),
        "interview_place" => if en { "Tokyo office, 5F" } else { "東京本社 5階" }.into(),
        "sign_in_link" => format!("{base_url}/portal/sign-in/link/…"),
        "sign_up_link" => format!("{base_url}/portal/sign-up/confirm/…"),
        "relay_link" => format!("{base_url}/relay/…"),
        "invitation_link" => format!("{base_url}/portal/invitations/…"),
        _ => String::new(),
    }
}

pub const MAX_TEMPLATE_SUBJECT_CHARS: usize = 200;
pub const MAX_TEMPLATE_BODY_CHARS: usize = 10_000;

/// A mail template as the admin edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailTemplate {
    pub kind: TemplateKind,
    pub lang: Lang,
    pub subject: String,
    pub body: String,
    pub customised: bool,
}

/// What is wrong with a template's wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateProblem {
    /// a field this kind cannot use (or unbalanced braces), as written
    Unknown(String),
    /// a field this kind must use
    Missing(&'static str),
}

/// Checks a subject and body against the kind's fields: every field known, every required one present.
/// A link field may stand in the body only: a subject is shown on the candidate's page and in lists, where a
/// link that signs someone in must never appear.
pub fn check_template(kind: TemplateKind, subject: &str, body: &str) -> Result<(), TemplateProblem> {
    let subject_fields: Vec<&str> = kind.fields().iter().copied().filter(|f| !f.ends_with("_link")).collect();
    let mut used = template_fields(subject, &subject_fields).map_err(TemplateProblem::Unknown)?;
    used.extend(template_fields(body, kind.fields()).map_err(TemplateProblem::Unknown)?);
    match kind.required_fields().iter().find(|f| !used.iter().any(|u| u == *f)) {
        Some(missing) => Err(TemplateProblem::Missing(missing)),
        None => Ok(()),
    }
}

/// The merge fields a text uses, or the first one that is not allowed (unbalanced braces count as one).
pub fn template_fields(text: &str, allowed: &[&str]) -> Result<Vec<String>, String> {
    let mut used = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            return Err(after.chars().take(20).collect());
        };
        let name = after[..end].trim();
        if !allowed.contains(&name) {
            return Err(name.chars().take(40).collect());
        }
        used.push(name.to_owned());
        rest = &after[end + 2..];
    }
    if rest.contains("}}") {
        return Err("}}".into());
    }
    Ok(used)
}

/// Fills merge fields; the template was checked when it was saved, so every field is known.
pub fn render_template(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                out.push_str(values.iter().find(|(k, _)| *k == name).map(|(_, v)| *v).unwrap_or_default());
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_accept_only_their_fields() {
        let allowed = TemplateKind::Rejection.fields();
        assert_eq!(template_fields("{{ name }} {{relay_link}}", allowed).unwrap(), vec!["name", "relay_link"]);
        assert_eq!(template_fields("Hi {{nmae}}", allowed), Err("nmae".into()));
        assert!(template_fields("Hi {{name", allowed).is_err());
        assert!(template_fields("Hi name}}", allowed).is_err());
    }

    #[test]
    fn every_built_in_text_passes_its_own_check() {
        for kind in TemplateKind::ALL {
            for lang in [Lang::Ja, Lang::En] {
                let (subject, body) = kind.default_text(lang);
                assert_eq!(check_template(*kind, subject, body), Ok(()), "{kind:?} {lang:?}");
                for field in kind.fields() {
                    assert!(!sample_value(field, lang, "https://x").is_empty(), "{field}");
                }
            }
        }
    }

    #[test]
    fn a_mail_that_needs_its_link_cannot_lose_it() {
        assert_eq!(
            check_template(TemplateKind::SignIn, "Sign in", "Dear {{name}}"),
            Err(TemplateProblem::Missing("sign_in_link"))
        );
        // a link in the subject would show on the candidate's page and in every list: the body only
        assert_eq!(
            check_template(TemplateKind::SignIn, "{{sign_in_link}}", "Dear {{name}}"),
            Err(TemplateProblem::Unknown("sign_in_link".into()))
        );
        assert_eq!(check_template(TemplateKind::SignIn, "{{name}}", "{{sign_in_link}}"), Ok(()));
        assert_eq!(
            check_template(TemplateKind::Interview, "{{job_title}}", "{{relay_link}}"),
            Err(TemplateProblem::Unknown("relay_link".into()))
        );
        assert_eq!(check_template(TemplateKind::Rejection, "Result", "Dear {{name}}"), Ok(()));
    }

    #[test]
    fn rendering_fills_every_field() {
        let text = render_template(
            "{{name}} / {{ job_title }}: {{relay_link}}",
            &[("name", "山田 花子"), ("job_title", "SRE"), ("relay_link", "https://x/relay/abc")],
        );
        assert_eq!(text, "山田 花子 / SRE: https://x/relay/abc");
    }
}
