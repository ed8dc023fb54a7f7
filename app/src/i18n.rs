//! Every string the UI shows, in Japanese (the default) and English. Pages translate on the server;
//! an island receives the few strings it shows as props, so these tables stay out of the wasm.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// A person's name in this language's order: family name first in Japanese, given name first in English.
    pub fn person_name(self, family: &str, given: &str) -> String {
        match self {
            Lang::Ja => format!("{family} {given}"),
            Lang::En => format!("{given} {family}"),
        }
    }

    /// The best language for an `Accept-Language` header, Japanese when nothing matches.
    pub fn negotiate(accept_language: &str) -> Self {
        let mut best: Option<(f32, Lang)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let q = pieces.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

macro_rules! messages {
    ($($name:ident => $ja:literal, $en:literal;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Ja) => $ja, (Msg::$name, Lang::En) => $en,)*
                }
            }

            /// A stable code for URLs and logs.
            pub fn code(self) -> &'static str {
                match self { $(Msg::$name => stringify!($name),)* }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code { $(stringify!($name) => Some(Msg::$name),)* _ => None }
            }
        }
    };
}

messages! {
    AppName => "Kizuna", "Kizuna";
    Tagline => "不採用で終わらせない、候補者との関係を育てる採用CRM", "The recruitment CRM that keeps the relationship after the rejection";
    SkipToContent => "本文へ移動", "Skip to content";
    NavPortal => "候補者マイページ", "Candidate portal";
    NavAdmin => "採用担当者", "Recruiters";
    NavMailbox => "送信メール", "Mailbox";
    NavDashboard => "ダッシュボード", "Dashboard";
    LanguageLabel => "表示言語", "Language";
    LanguageSwitch => "切り替え", "Switch";
    SignOut => "ログアウト", "Sign out";
    FooterNote => "Kizuna — オープンソースの採用CRM", "Kizuna — the open-source recruitment CRM";
    HomeHeading => "候補者との縁を、次の機会へ", "Every candidate is a future relationship";
    HomeIntro => "応募者・不採用になった方・説明会参加者との関係を保ち、本人の同意のもとで再応募や人材紹介につなげます。", "Keep in touch with applicants, rejected candidates and event attendees, and with their consent bring them back or refer them on.";
    HomeCandidateCta => "応募者の方はこちら（マイページ）", "Applicants: open your portal";
    HomeRecruiterCta => "採用担当者ログイン", "Recruiter sign-in";
    PortalSignInTitle => "マイページにログイン", "Sign in to your portal";
    PortalSignInIntro => "応募時のメールアドレスを入力してください。ログイン用のリンクをお送りします。パスワードは不要です。", "Enter the e-mail address you applied with and we will send you a sign-in link. No password needed.";
    EmailLabel => "メールアドレス", "E-mail address";
    PasswordLabel => "パスワード", "Password";
    SendLink => "ログインリンクを送る", "Send me a sign-in link";
    LinkSentTitle => "メールをご確認ください", "Check your e-mail";
    LinkSentBody => "入力されたアドレスが登録されている場合、ログイン用のリンクをお送りしました。リンクの有効期限は15分で、一度だけ使えます。", "If that address is registered with us, we have sent it a sign-in link. The link works once and expires in 15 minutes.";
    LinkSentAgain => "メールが届かない場合は、もう一度お試しください。", "No e-mail? You can ask for another link.";
    ConfirmTitle => "ログインの確認", "Confirm sign-in";
    ConfirmBody => "下のボタンを押すとマイページにログインします。", "Press the button below to sign in to your portal.";
    ConfirmButton => "ログインする", "Sign in";
    LinkUsedTitle => "このリンクは使用済みです", "This link has already been used";
    LinkExpiredTitle => "このリンクは有効期限が切れています", "This link has expired";
    LinkInvalidTitle => "このリンクは無効です", "This link is not valid";
    LinkProblemBody => "安全のため、ログインリンクは15分間・1回限り有効です。新しいリンクを受け取ってください。", "For your security a sign-in link works once and for 15 minutes only. Please ask for a new one.";
    RequestNewLink => "新しいリンクを受け取る", "Get a new link";
    PortalWelcome => "マイページ", "Your portal";
    PortalGreeting => "さん、こんにちは。", ", welcome back.";
    PortalApplications => "応募状況", "Your applications";
    PortalNoApplications => "現在、応募はありません。", "You have no applications yet.";
    ColJob => "求人", "Job";
    ColStatus => "状況", "Status";
    ColAppliedAt => "応募日", "Applied";
    StatusInProgress => "選考中", "In progress";
    StatusInterview => "面接の段階です", "Interview stage";
    StatusOffer => "内定のご連絡", "Offer made";
    StatusHired => "入社決定", "Hired";
    StatusClosed => "選考終了", "Closed";
    AdminSignInTitle => "採用担当者ログイン", "Recruiter sign-in";
    SignInButton => "ログイン", "Sign in";
    ShowPassword => "パスワードを表示", "Show password";
    HidePassword => "パスワードを隠す", "Hide password";
    DashboardTitle => "ダッシュボード", "Dashboard";
    StatCandidates => "候補者", "Candidates";
    StatOpenJobs => "募集中の求人", "Open jobs";
    StatApplications => "応募", "Applications";
    StatMailQueued => "送信待ちメール", "Mail waiting";
    SignedInAs => "ログイン中:", "Signed in as";
    MailboxTitle => "送信メール", "Mailbox";
    MailboxIntro => "組み込みのメール受信箱です（SMTP未設定のため、メールはここと data/mail/ にのみ届きます）。試用のためのもので、本文中のログイン・紹介・パスワード設定などのリンクは表示しません。", "The embedded mail sink (no SMTP is configured, so mail is delivered only here and to data/mail/). It is for trying Kizuna: links that sign in, refer or set a password are not shown in the texts.";
    MailboxSmtpIntro => "Kizunaが送信した（または送信待ちの）メールの件名・宛先・状態です。メールはSMTPで送信され、本文はここには表示しません。", "The subject, recipient and status of the mail Kizuna has sent or will send. Mail goes out by SMTP; its texts are not shown here.";
    MailboxEmpty => "メールはまだありません。", "No mail yet.";
    ColTo => "宛先", "To";
    ColSubject => "件名", "Subject";
    ColKind => "種類", "Kind";
    ColAttempts => "試行", "Attempts";
    ColCreated => "作成", "Created";
    ShowBody => "本文", "Body";
    MailStatusQueued => "送信待ち", "Queued";
    MailStatusSending => "送信中", "Sending";
    MailStatusSent => "送信済み", "Sent";
    MailStatusFailed => "失敗", "Failed";
    MailStatusCancelled => "取消", "Cancelled";
    PrevPage => "前へ", "Previous";
    NextPage => "次へ", "Next";
    NavConsent => "同意の管理", "Consent";
    NavPortalHome => "応募状況", "Applications";
    NavPolicies => "同意文書", "Policy texts";
    ConsentTitle => "同意の管理", "Your consent";
    ConsentIntro => "目的ごとに、あなたの情報をどう扱ってよいかを選べます。それぞれ独立しており、いつでも同意・撤回できます。撤回はすぐに反映されます。", "For each purpose you decide what we may do with your information. Each choice stands on its own, and you can give or withdraw it at any time; a withdrawal takes effect at once.";
    PurposeSelection => "選考での利用", "Use in this selection";
    PurposeSelectionExplain => "応募された求人の選考を進めるために必要です。撤回すると選考を続けられません。", "Needed to process the application you made. If you withdraw it, we cannot continue your selection.";
    PurposeTalentPool => "人材データベースへの登録", "Talent pool";
    PurposeTalentPoolExplain => "選考が終わった後も情報を保管し、今後の求人でお声がけできるようにします。", "We keep your information after this selection so that we can consider you for future roles.";
    PurposeJobNews => "求人情報・再応募のご案内", "Job news and invitations";
    PurposeJobNewsExplain => "新しい求人や再応募のご案内をメールでお送りします。", "We e-mail you about new jobs and invitations to apply again.";
    PurposeAgencyReferral => "提携人材紹介会社へのご紹介", "Referral to partner agencies";
    PurposeAgencyReferralExplain => "同意した人材紹介会社にだけ、選んだ項目を提供します（第三者提供）。", "Only the agencies you agree to receive the items you choose (a provision to a third party).";
    AgencyReferralNone => "提携人材紹介会社への紹介に同意したことはありません。不採用のご連絡にあるリンクから、会社ごとに選べます。", "You have not agreed to any referral. You can choose agency by agency from the link in a rejection e-mail.";
    StateGranted => "同意しています", "You agreed";
    StateWithdrawn => "同意していません（撤回済み）", "Not agreed (withdrawn)";
    StateNone => "まだ同意していません", "Not agreed yet";
    SinceLabel => "日時", "Since";
    PolicyVersionLabel => "版", "Version";
    PolicyTextLabel => "同意文書", "Policy text";
    GrantButton => "同意する", "I agree";
    WithdrawButton => "同意を撤回する", "Withdraw my consent";
    ReviewNeeded => "同意文書が更新されました。新しい版をお読みのうえ、改めて同意するか選んでください。", "The policy text has changed. Please read the new version and choose again.";
    RegrantButton => "新しい版に同意する", "I agree to the new version";
    ReviewBanner => "同意文書が更新されました。内容をご確認ください。", "A policy you agreed to has changed. Please review it.";
    ReviewLink => "同意の管理を開く", "Review my consent";
    HistoryTitle => "同意の履歴", "Consent history";
    HistoryEmpty => "まだ履歴はありません。", "No history yet.";
    ColWhen => "日時", "When";
    ColPurpose => "目的", "Purpose";
    ColAction => "内容", "What";
    ColVersion => "版", "Version";
    ColChannel => "方法", "How";
    ActionGranted => "同意", "Agreed";
    ActionWithdrawn => "撤回", "Withdrawn";
    ChannelPortal => "マイページ", "Portal";
    ChannelMailLink => "メールのリンク", "E-mail link";
    ChannelRecruiter => "採用担当者が記録", "Recorded by a recruiter";
    ChannelImport => "取り込み", "Import";
    SavedGranted => "同意を記録しました。", "Your consent is recorded.";
    SavedWithdrawn => "撤回を記録しました。すでに反映されています。", "Your withdrawal is recorded and already in effect.";
    SavedUnchanged => "変更はありません。", "Nothing changed.";
    PoliciesTitle => "同意文書の管理", "Policy texts";
    PoliciesIntro => "新しい版を公開すると、以前の版に同意した候補者には次回の訪問時に改めて確認を求めます。過去の同意は同意した版に結び付いたまま残ります。", "Publishing a new version asks candidates who agreed to an earlier one to review it on their next visit. Earlier consents stay bound to the version they accepted.";
    PublishNewVersion => "新しい版を公開", "Publish a new version";
    TextJaLabel => "本文（日本語）", "Text (Japanese)";
    TextEnLabel => "本文（英語）", "Text (English)";
    PublishedAtLabel => "公開日", "Published";
    PublishButton => "公開する", "Publish";
    PublishedOk => "新しい版を公開しました。", "The new version is published.";
    ErrDateInvalid => "日付を YYYY-MM-DD の形で入力してください。", "Enter the date as YYYY-MM-DD.";
    ErrDateRange => "明日から3年以内の日付を選んでください。", "Choose a date from tomorrow up to three years ahead.";
    NavPreferences => "連絡設定", "Contact preferences";
    PreferencesTitle => "連絡設定", "Contact preferences";
    PreferencesIntro => "ご案内のメールを受け取る言語・話題・頻度を選べます。選考やログインに必要な連絡は、この設定にかかわらずお送りします。", "Choose the language, topics and frequency of the optional e-mail we send you. Mail needed for your selection or to sign in is sent regardless.";
    LanguagePreference => "連絡の言語", "Language for e-mail";
    TopicsLabel => "関心のある分野・勤務地", "Fields and locations you are interested in";
    TopicsHint => "選ばない場合は、すべての求人についてお知らせします。", "Choose none to hear about every job.";
    MonthlyCapLabel => "1か月に受け取るメールの上限", "At most this many e-mails a month";
    NoLimit => "上限なし", "No limit";
    PerMonthSuffix => "通まで", " at most";
    PauseLabel => "この日まで連絡しないでください", "Do not contact me before";
    PauseHint => "例：6か月後にまた連絡してほしい場合は、その日付を選んでください。空欄なら停止しません。", "For example, to hear from us again in six months, choose that date. Leave empty to keep hearing from us.";
    SavePreferences => "設定を保存", "Save preferences";
    PreferencesSaved => "連絡設定を保存しました。", "Your preferences are saved.";
    UnsubscribeAllTitle => "すべてのご案内の配信停止", "Stop all optional e-mail";
    UnsubscribeAllBody => "求人情報や再応募のご案内など、任意のメールをすべて停止します。", "Stops every optional e-mail, such as job news and invitations.";
    UnsubscribeAllButton => "すべて配信停止する", "Unsubscribe from everything optional";
    UnsubscribedState => "任意のメールは配信停止中です。", "You are unsubscribed from all optional e-mail.";
    ResubscribeButton => "配信を再開する", "Start receiving e-mail again";
    Unsubscribed => "配信を停止しました。", "You are unsubscribed.";
    Resubscribed => "配信を再開しました。求人情報を受け取るには、同意の管理で同意してください。", "E-mail is back on. To receive job news, agree to it under Consent.";
    UnsubscribeTitle => "メール配信の停止", "Unsubscribe";
    UnsubscribeBody => "下のボタンを押すと、求人情報などの任意のメールの配信を停止します。ログインは不要です。", "Press the button below to stop optional e-mail such as job news. No sign-in needed.";
    UnsubscribeButton => "配信を停止する", "Unsubscribe";
    UnsubscribeDoneBody => "今後、任意のメールはお送りしません。設定はマイページの連絡設定でいつでも変更できます。", "We will not send you optional e-mail any more. You can change this at any time in your portal's contact preferences.";
    UnsubscribeInvalid => "この配信停止リンクは無効か、有効期限が切れています。マイページの連絡設定から停止できます。", "This unsubscribe link is not valid or has expired. You can unsubscribe in your portal's contact preferences.";
    MailErasedSubject => "【Kizuna】個人データを削除しました", "Your personal data has been erased";
    MailErasedBody => "ご依頼に基づき、あなたの個人データを削除（匿名化）しました。法令で保管が義務付けられている第三者提供の記録のみ、定められた期間保管します。このメールの送信後、このメールアドレスも当社の記録から削除されます。", "As you asked, we have erased (anonymised) your personal data. Only the records of provision to third parties that the law obliges us to keep remain, for the period it sets. Once this e-mail is sent, this address too is removed from our records.";
    NavMyData => "私のデータ", "My data";
    MyDataTitle => "私のデータ", "My data";
    MyDataIntro => "当社があなたについて保有しているデータです。すべてをダウンロードしたり、削除を依頼したりできます。", "This is the data we hold about you. You can download all of it or ask us to erase it.";
    ProfileHeading => "プロフィール", "Profile";
    NameLabel => "氏名", "Name";
    KanaLabel => "フリガナ", "Reading (kana)";
    PhoneLabel => "電話番号", "Phone";
    LocationLabel => "所在地", "Location";
    SkillsLabel => "スキル", "Skills";
    HoldingsHeading => "保有している記録", "Records we hold";
    ColTable => "記録", "What we hold";
    ColCount => "件数", "Count";
    DownloadJson => "すべてのデータをダウンロード（JSON）", "Download everything (JSON)";
    ExportWithheldNote => "採否の判断に関する社内の評価（不採用の社内メモと社内の理由、面接の評価と面接官）は、開示すると業務の適正な実施に著しい支障を及ぼすおそれがあるため、ダウンロードに含めていません（個人情報保護法第33条第2項）。削除をご依頼いただいた場合は、これらも消去します。", "The company's internal evaluations (internal rejection notes and reasons, interview results and interviewers) are not in the download, because disclosing them would seriously hinder the proper conduct of our business (APPI Art. 33(2)). If you ask us to erase your data, they are erased too.";
    ProvisionsHeading => "第三者提供の記録", "Provisions to third parties";
    ProvisionsEmpty => "あなたのデータを第三者に提供したことはありません。", "We have never provided your data to a third party.";
    ColRecipient => "提供先", "Recipient";
    ColItems => "提供した項目", "Items provided";
    ColProvidedAt => "提供日", "Provided";
    ColConsentAt => "同意日", "Consent given";
    EraseHeading => "データの削除", "Erase my data";
    EraseBody => "削除すると、氏名・連絡先・経歴などの個人データは直ちに匿名化され、マイページにはログインできなくなります。応募件数などの統計は個人を特定できない形で残ります。", "Erasing anonymises your name, contact details, background and other personal data at once, and you can no longer sign in. Statistics such as the number of applications remain, without anything that identifies you.";
    EraseKeeps => "法令により保管するもの：第三者提供の記録（提供先・項目・日付・氏名）を3年間。", "What the law obliges us to keep: records of provision to third parties (recipient, items, date, your name) for three years.";
    EraseFingerprintNote => "再登録の防止のため、メールアドレスと電話番号は元に戻せない形（秘密鍵付きの一方向の指紋）でのみ残します。名簿の再取り込みや担当者の手入力で、あなたが知らないうちに再登録されることを防ぐためです。あなた自身が再び登録すると、この指紋は消えます。", "So that you are not added back, we keep your e-mail address and phone number only as keyed one-way fingerprints, which cannot be turned back into them. They stop an old list being imported again, or a recruiter typing you in, from bringing you back without your knowing. If you sign up again yourself, the fingerprint goes.";
    EraseConfirmLabel => "内容を理解し、データの削除を依頼します", "I understand, and I ask you to erase my data";
    EraseButton => "データを削除する", "Erase my data";
    ErasedTitle => "データを削除しました", "Your data has been erased";
    ErasedBody => "確認のメールを一度だけお送りします。ご利用ありがとうございました。", "We are sending one confirmation e-mail. Thank you.";
    ErrConfirmErase => "削除するには確認のチェックを入れてください。", "Tick the confirmation to erase your data.";
    NavProfile => "プロフィール", "Profile";
    ProfileTitle => "プロフィール", "Your profile";
    ProfileIntro => "応募の際にご提供いただいた情報です。変更はすぐに採用担当者にも反映されます。", "What you provided when you applied. Changes reach the recruiters at once.";
    FamilyNameLabel => "姓", "Family name";
    GivenNameLabel => "名", "Given name";
    FamilyKanaLabel => "セイ（フリガナ）", "Family name reading (kana)";
    GivenKanaLabel => "メイ（フリガナ）", "Given name reading (kana)";
    EmailReadOnlyHint => "メールアドレスはログインに使うため、ここでは変更できません。", "Your e-mail address is how you sign in, so it cannot be changed here.";
    ListHint => "カンマ（、）区切りで入力してください。", "Separate items with commas.";
    DesiredRolesLabel => "希望職種", "Roles you want";
    DesiredLocationsLabel => "希望勤務地", "Locations you want";
    SaveProfile => "保存する", "Save";
    ProfileSaved => "プロフィールを保存しました。", "Your profile is saved.";
    FieldErrorsSummary => "入力内容に誤りがあります。各項目のメッセージをご確認ください。", "Some fields need your attention; see the message at each.";
    ResumeHeading => "履歴書・職務経歴書", "Résumé";
    ResumeHint => "PDF または Word（.docx）、10 MB まで。内容から形式を確認します。", "PDF or Word (.docx), up to 10 MB. We check the format from the content.";
    ResumeLabel => "ファイル", "File";
    UploadButton => "アップロード", "Upload";
    ResumeUploaded => "履歴書をアップロードしました。", "Your résumé is uploaded.";
    ResumeNone => "まだアップロードされていません。", "Nothing uploaded yet.";
    ErrFileTooLarge => "ファイルが大きすぎます（10 MB まで）。", "The file is too large (10 MB at most).";
    ErrFileType => "PDF または Word（.docx）のファイルを選んでください。", "Choose a PDF or Word (.docx) file.";
    ErrJobNotOpen => "この求人は現在募集していません。", "This job is not open.";
    ErrNoInvitationConsent => "この候補者は求人情報・再応募のご案内に同意していない（または連絡を停止している）ため、招待できません。", "This candidate has not agreed to job news and invitations (or asked not to be contacted now), so they cannot be invited.";
    ErrAlreadyInvited => "この求人には既に招待しています（回答待ち）。", "This candidate already has an open invitation to this job.";
    InvitationsHeading => "再応募のご案内", "Invitations to apply";
    ViewInvitation => "詳細を見る", "View";
    InvitationTitle => "再応募のご案内", "Invitation to apply";
    AcceptButton => "この求人に応募する", "Apply for this job";
    DeclineButton => "辞退する", "Decline";
    LaterButton => "2週間後にもう一度知らせてほしい", "Remind me in two weeks";
    ReasonLabel => "辞退の理由（任意）", "Why you decline (optional)";
    ProfileUsedHint => "応募には現在のプロフィールが使われます。", "Your current profile is used for the application.";
    EditProfileLink => "プロフィールを確認する", "Check your profile";
    InvitationAccepted => "応募を受け付けました。選考状況はマイページでご確認いただけます。", "Your application is in. You can follow it in your portal.";
    InvitationDeclined => "辞退を承りました。ご回答ありがとうございました。", "You declined. Thank you for letting us know.";
    InvitationSnoozed => "2週間後にもう一度お知らせします。", "We will remind you in two weeks.";
    InvitationClosedNote => "このご案内への回答は受付済み、または募集が終了しています。", "This invitation has been answered or the job is no longer open.";
    InvStatusSent => "回答待ち", "Awaiting your answer";
    InvStatusAccepted => "応募済み", "Applied";
    InvStatusDeclined => "辞退", "Declined";
    InvStatusSnoozed => "保留中", "Reminder set";
    InvStatusExpired => "終了", "Closed";
    NavCandidates => "候補者", "Candidates";
    CandidatesTitle => "候補者の検索", "Find candidates";
    SearchLabel => "氏名・フリガナ・メールアドレス", "Name, reading or e-mail";
    SearchButton => "検索", "Search";
    NoResults => "該当する候補者はいません。", "No candidates found.";
    InviteHeading => "求人に招待する", "Invite to a job";
    JobLabel => "求人", "Job";
    InviteButton => "招待メールを送る", "Send the invitation";
    Invited => "招待メールを送信待ちに入れました。", "The invitation is queued for sending.";
    JobNewsConsentYes => "求人情報・再応募のご案内：同意あり", "Job news and invitations: agreed";
    JobNewsConsentNo => "求人情報・再応募のご案内：同意なし（招待できません）", "Job news and invitations: not agreed (cannot be invited)";
    NavRelay => "キャリアリレー", "Career relay";
    NavTemplates => "メールテンプレート", "Mail templates";
    ItemNames => "氏名・フリガナ", "Name and reading";
    ItemEmail => "メールアドレス", "E-mail address";
    ItemPhone => "電話番号", "Phone number";
    ItemSkills => "スキル", "Skills";
    ItemDesiredRoles => "希望職種", "Desired roles";
    ItemResume => "履歴書・職務経歴書", "Résumé";
    ItemApplicationSummary => "当社への応募の概要（職種・選考段階・日付）", "Summary of applications to us (job, stage, date)";
    ReferralReferred => "紹介済み", "Referred";
    ReferralRegistered => "登録済み", "Registered";
    ReferralPlaced => "入社決定", "Placed";
    ReferralDeclined => "見送り", "Declined";
    StageApplied => "応募", "Applied";
    StageScreening => "書類選考", "Screening";
    StageInterview => "面接", "Interviews";
    StageOffer => "内定", "Offer";
    StageHired => "入社", "Hired";
    OutcomeRejected => "不採用", "Rejected";
    OutcomeWithdrawn => "辞退", "Withdrawn";
    RelayTitle => "キャリアリレー：提携人材紹介会社へのご紹介", "Career relay: an introduction to our partner agencies";
    RelayStartBody => "ご応募の際のメールアドレスを入力してください。本人確認のため、このページに戻るためのリンクをお送りします。", "Enter the e-mail address you applied with. To make sure it is you, we send you a link back to this page.";
    RelayWhatHeading => "ここで選べること", "What you can choose here";
    RelayWhatBody => "ご希望の場合に限り、あなたが選んだ提携人材紹介会社に、下に示す項目をお渡しします。その会社は、あなたに合う求人を紹介するためにだけ、その情報を使います。紹介するたびに提供の記録を残し、マイページでいつでも確認・撤回できます。撤回すると、その会社はその時点からあなたの情報を見られなくなり、削除するよう連絡します。", "Only if you wish, we give the partner agencies you choose the items listed below. An agency uses them only to introduce jobs that suit you. We keep a record of each provision; you can see it and withdraw at any time in your portal. When you withdraw, the agency can no longer see your information from that moment, and we tell it to delete what it holds.";
    RelayNoEffect => "紹介を希望しなくても、今後当社へ応募される際の扱いは一切変わりません。", "Saying no changes nothing about any future application to us.";
    RelayAgenciesHeading => "紹介を希望する会社", "Agencies you want to be introduced to";
    RelayAgenciesHint => "会社ごとに選べます。チェックを入れた会社にだけ、記載の項目を提供します。", "You choose agency by agency. Only the agencies you tick receive the items listed.";
    RelayNoAgencies => "現在、ご紹介できる提携会社はありません。", "There are no partner agencies to introduce you to at the moment.";
    RelayReferMeTo => "次の会社への紹介を希望する：", "Introduce me to ";
    RelayAlreadyReferred => "紹介済み", "Introduced";
    RelayWithdrawLink => "撤回する", "Withdraw";
    RelayItemsLabel => "提供する項目", "Items it would receive";
    RelayPurposeLabel => "利用目的", "Purpose";
    RelayPurposeText => "あなたに求人を紹介するため（当社の採用選考とは関係ありません）", "To introduce jobs to you (nothing to do with our own selection)";
    AgencyAddressLabel => "所在地", "Address";
    AgencyRepresentativeLabel => "代表者", "Representative";
    AgencyContactLabel => "連絡先メールアドレス", "Contact e-mail";
    AgencyNameLabel => "会社名", "Agency name";
    RelayStayHeading => "当社からの今後のご連絡", "Hearing from us again";
    RelayStayHint => "紹介とは別のご選択です。どちらか一方だけでも選べます。", "This is separate from the introductions. You can choose either, both or neither.";
    RelayTalentPoolChoice => "人材データベースに登録を続け、今後の求人で検討してもらう", "Keep my details in your talent pool and consider me for future jobs";
    RelayJobNewsChoice => "求人情報や再応募のご案内をメールで受け取る", "E-mail me about new jobs and invitations to apply again";
    RelayContactAfter => "ご連絡を再開してよい時期", "You may contact me again";
    RelayContactNow => "いつでも", "Any time";
    RelayContact3 => "3か月後から", "In 3 months";
    RelayContact6 => "6か月後から", "In 6 months";
    RelayContact12 => "1年後から", "In a year";
    RelayUntickedNote => "チェックを入れていない項目には同意したことになりません。何も選ばずに送信することもできます。", "Nothing you leave unticked is agreed to. You may also send without choosing anything.";
    RelaySubmit => "選んだ内容で送信する", "Send my choices";
    RelayDoneTitle => "ご回答ありがとうございました", "Thank you for your answer";
    RelayDoneReferred => "選ばれた会社への紹介を記録し、確認のメールをお送りしました。提供の記録はマイページの「マイデータ」で確認できます。", "We recorded the introductions you chose and sent you a confirmation. You can see the records of provision under My data in your portal.";
    RelayDoneNothing => "ご回答を記録しました。どの会社にも情報は提供していません。", "Your answer is recorded. We have not provided your information to anyone.";
    RelayDoneAgain => "このリンクからのご回答は既に記録されています。今回の送信では何も変更していません。", "Your answer from this link was already recorded. This submission changed nothing.";
    RelayDoneWithdraw => "同意はいつでもマイページから撤回できます。", "You can withdraw your consent at any time in your portal.";
    RelayLinkUsedBody => "このリンクは既に使われています。ご回答は記録済みです。内容を確かめたり変えたりするには、新しいリンクを受け取ってください。", "This link has already been used, and the answer given with it is recorded. To check or change your choices, get a new link.";
    RelayLinkFreshBody => "このリンクは使えません。ご応募の際のメールアドレス宛てに、新しいリンクをお送りします。", "This link cannot be used. We can send a new one to the address you applied with.";
    RelayFreshLink => "新しいリンクを受け取る", "Get a new link";
    RelayOtherPersonTitle => "別の方のリンクです", "This link is someone else's";
    RelayOtherPersonBody => "このブラウザでは別の方がログインしています。ご自身のリンクを使うには、いったんログアウトしてからもう一度開いてください。", "Someone else is signed in in this browser. To use your own link, sign out first and open it again.";
    MailRelayConfirmSubject => "【Kizuna】キャリアリレーのご回答を承りました", "Your career relay choices are recorded";
    MailRelayConfirmBody => "キャリアリレーのご回答を記録しました。内容は次のとおりです。", "We recorded your career relay choices. They are:";
    MailRelayConfirmWithdraw => "同意はいつでも次のページから撤回できます。撤回した会社は、その時点からあなたの情報を見られなくなります。", "You can withdraw at any time on the page below. An agency you withdraw from can no longer see your information from that moment.";
    MailAgencyReferralSubject => "【Kizuna】新しい候補者のご紹介", "New candidate referral";
    MailAgencyReferralBody => "{agency} 御中：候補者の方が貴社への紹介に同意されました。本人が同意した項目のみ、パートナーポータルでご確認いただけます。", "To {agency}: a candidate has agreed to be referred to you. The items they agreed to are in the partner portal.";
    MailAgencyWithdrawnSubject => "【Kizuna】紹介の同意撤回とデータ削除のお願い", "Referral consent withdrawn: please delete the data";
    MailAgencyWithdrawnBody => "{agency} 御中：次の参照番号の候補者が、貴社への紹介の同意を撤回しました。ポータルでの閲覧はすでにできません。この候補者について受け取った個人データを速やかに削除してください。", "To {agency}: the candidate with the reference below has withdrawn their consent to be referred to you. The portal no longer shows them. Please delete the personal data you received about them without delay.";
    MailAgencyInviteSubject => "【Kizuna】パートナーポータルへのご招待", "Your invitation to the Kizuna partner portal";
    MailAgencyInviteBody => "{agency} のパートナーポータル用アカウントを作成しました。下のリンクからパスワードを設定してください。", "We created your {agency} account for the partner portal. Set your password with the link below.";
    MailAgencyInviteExpiry => "リンクの有効期限は7日間で、一度だけ使えます。", "The link works once and expires in 7 days.";
    AgencySignInTitle => "パートナーポータル：ログイン", "Partner portal: sign in";
    AgencyPortalTitle => "パートナーポータル", "Partner portal";
    AgencyPortalHint => "貴社への紹介に同意した候補者と、本人が同意した項目のみを表示しています。閲覧は記録されます。", "You see the candidates who agreed to be referred to you, and only the items they agreed to. Views are recorded.";
    AgencyNoReferrals => "まだ紹介はありません。", "No referrals yet.";
    AgencyReferredOn => "紹介日", "Referred on";
    AgencyWithdrawnOn => "同意撤回日", "Consent withdrawn on";
    AgencyDeleteNotice => "この候補者は同意を撤回しました。受け取った個人データを削除してください。", "This candidate withdrew their consent. Please delete the personal data you received.";
    AgencyNoResume => "登録されていません", "None on file";
    AgencyStatusLabel => "状況", "Status";
    AgencySetPasswordTitle => "パスワードの設定", "Set your password";
    AgencySetPasswordBody => "10文字以上のパスワードを設定してください。設定後、そのままログインします。", "Choose a password of at least 10 characters. You are signed in once it is set.";
    AgencySetPasswordButton => "設定してログイン", "Set it and sign in";
    AgencyLinkProblem => "管理者に新しい招待を依頼してください。", "Please ask the administrator for a new invitation.";
    NewPasswordLabel => "新しいパスワード", "New password";
    RelayAdminTitle => "キャリアリレー", "Career relay";
    StatRejectionMails => "不採用通知メール", "Rejection mails";
    StatOptInRate => "紹介への同意率", "Opt-in rate";
    StatReferralsThisMonth => "今月の紹介", "Referrals this month";
    StatCreditsEarned => "獲得クレジット", "Credits earned";
    StatCreditsLeft => "残りクレジット", "Credits left";
    StatRegistered => "登録", "Registered";
    StatPlaced => "入社決定", "Placed";
    CompanyUrlHeading => "共通の紹介URL", "Company-wide referral URL";
    CompanyUrlHint => "自社のシステムから不採用通知を送っている場合は、このURLを通知文に貼り付けてください。開いた方はメールアドレスで本人確認をしてから、同じ紹介ページに進みます。", "If you send rejection mail from your own system, paste this URL into it. Whoever opens it confirms their e-mail address and then reaches the same referral page.";
    CompanyUrlLabel => "紹介ページのURL", "Referral page URL";
    AgenciesHeading => "提携人材紹介会社", "Partner agencies";
    NewAgency => "提携会社を追加", "Add an agency";
    ColReferrals => "紹介数", "Referrals";
    ColCreditsEarned => "獲得", "Earned";
    ColCreditsRedeemed => "使用", "Used";
    ColBalance => "残高", "Balance";
    Inactive => "停止中", "Inactive";
    Saved => "保存しました。", "Saved.";
    SaveButton => "保存", "Save";
    AgencyUserInvited => "招待メールを送信待ちに入れました。", "The invitation is queued for sending.";
    AgencyUserRemoved => "アクセスを停止しました。", "Access removed.";
    CreditRedeemed => "クレジットの使用を記録しました。", "The use of a credit is recorded.";
    AgencyDetailsHeading => "会社の情報", "Agency details";
    AgencyItemsLabel => "受け取れる項目", "Items it may receive";
    AgencyItemsHint => "候補者には、この会社がここで選んだ項目を受け取ることが示されます。", "Candidates are shown that this agency would receive the items chosen here.";
    PerCreditLabel => "1クレジットあたりの紹介数", "Referrals per credit";
    AgencyActiveLabel => "候補者に紹介先として表示する", "Offer this agency to candidates";
    AgencyUsersHeading => "ポータル利用者", "Portal users";
    InvitationPending => "パスワード未設定", "Password not set yet";
    RemoveAccess => "アクセスを停止", "Remove access";
    DisplayNameLabel => "氏名", "Name";
    InviteAgencyUser => "招待する", "Invite";
    LedgerHeading => "クレジット台帳", "Credit ledger";
    ToNextCredit => "次のクレジットまでの紹介数", "Referrals to the next credit";
    DownloadCsv => "CSVでダウンロード", "Download as CSV";
    RedeemHeading => "クレジットを使う", "Use a credit";
    HireReferenceLabel => "対象の採用（求人名・採用者など）", "The hire it is used for (job, person and so on)";
    RedeemedOnLabel => "使用日", "Date used";
    NoteLabel => "メモ", "Note";
    RedeemButton => "使用を記録", "Record the use";
    ColReference => "参照", "Reference";
    LedgerReferral => "紹介", "Referral";
    LedgerReferralRepeat => "紹介（同じ方の再紹介：加算なし）", "Referral (same person again: not counted)";
    LedgerRedemption => "クレジット使用", "Credit used";
    TemplatesTitle => "メールテンプレート", "Mail templates";
    TemplatesHint => "差し込み項目は {{項目名}} の形で書きます。使えない項目は保存の時点でエラーになります。", "Merge fields are written as {{field}}. A field that cannot be used is an error when you save.";
    TemplateRejection => "不採用通知", "Rejection";
    TemplateCustomised => "編集済みの文面を使用中", "Using your own wording";
    TemplateDefault => "標準の文面を使用中", "Using the built-in wording";
    UnknownFieldLabel => "使えない差し込み項目", "Unknown merge field";
    MergeFieldsLabel => "使える差し込み項目", "Merge fields you can use";
    SubjectLabel => "件名", "Subject";
    BodyLabel => "本文", "Body";
    ResetTemplate => "標準の文面に戻す", "Back to the built-in wording";
    PreviewLabel => "プレビュー", "Preview";
    RejectedNotice => "不採用を記録しました。", "The rejection is recorded.";
    ApplicationsTitle => "応募", "Applications";
    NoApplications => "応募はありません。", "No applications.";
    RejectReasonLabel => "理由", "Reason";
    InternalNoteLabel => "社内メモ（候補者には表示されません）", "Internal note (never shown to the candidate)";
    RejectHeading => "不採用にする", "Reject";
    ChooseReason => "理由を選んでください", "Choose a reason";
    SendRejectionMail => "不採用通知メール（キャリアリレーの案内付き）を送る", "Send the rejection mail (with the career relay link)";
    RejectButton => "不採用を確定する", "Confirm the rejection";
    ColReferralState => "状況", "Status";
    ErrChooseItems => "提供できる項目を1つ以上選んでください。", "Choose at least one item the agency may receive.";
    ErrPerCredit => "1から1000までの数を入力してください。", "Enter a number from 1 to 1000.";
    ErrEmailTaken => "このメールアドレスは別のアカウントで使われています。", "This e-mail address belongs to another account.";
    ErrNoCredits => "使えるクレジットがありません。", "There is no credit left to use.";
    ErrChooseReason => "理由を選んでください。", "Choose a reason.";
    ErrApplicationClosed => "この応募は既に終了しています。", "This application is already closed.";
    RelayOpenPage => "紹介ページを開く", "Open the referral page";
    ErrUseRelayPage => "人材紹介会社への紹介は、紹介ページで会社ごとに選んでください。", "Choose agency referrals on the referral page, agency by agency.";
    ErrUnknownMergeField => "使えない差し込み項目があります。", "A merge field cannot be used here.";
    FiltersLabel => "絞り込み", "Filters";
    TagLabel => "タグ", "Tags";
    AnyLabel => "すべて", "Any";
    SourceLabel => "応募経路", "Source";
    StageLabel => "選考段階", "Stage";
    OutcomeLabel => "結果", "Outcome";
    ConsentFilterLabel => "同意", "Consent";
    ConsentFilterReferred => "人材紹介会社へ紹介中", "Referred to an agency";
    ConsentFilterNone => "任意の同意なし", "No optional consent";
    NoContactSinceLabel => "この日以降連絡していない", "Not contacted since";
    CreatedFromLabel => "登録日（から）", "Added from";
    CreatedToLabel => "登録日（まで）", "Added until";
    SortLabel => "並び順", "Sort";
    SortNewest => "登録の新しい順", "Newest first";
    SortOldest => "登録の古い順", "Oldest first";
    SortName => "フリガナ順", "By name reading";
    ClearFilters => "条件をクリア", "Clear filters";
    ExportListCsv => "この一覧をCSVで書き出す", "Export this list as CSV";
    ExportSelectedCsv => "選択した候補者をCSVで書き出す", "Export the selected candidates as CSV";
    SelectLabel => "選択", "Select";
    CreatedLabel => "登録日", "Added";
    LastContactLabel => "最終連絡日", "Last contact";
    BulkLegend => "選択した候補者に", "With the selected candidates";
    BulkTag => "タグを付ける", "Add the tag";
    BulkUntag => "タグを外す", "Remove the tag";
    BulkInvite => "求人に招待する", "Invite to the job";
    BulkTagged => "タグを付けた候補者", "Candidates tagged";
    BulkUntagged => "タグを外した候補者", "Candidates untagged";
    BulkInvited => "招待メールを送信待ちに入れた候補者", "Invitations queued";
    BulkRefused => "同意がない等で送れなかった候補者", "Not invited (no consent or already invited)";
    SourceWebsite => "自社サイト", "Company website";
    SourceJobBoard => "求人媒体", "Job board";
    SourceReferral => "社員紹介", "Employee referral";
    SourceInfoSession => "説明会", "Information session";
    SourceAgency => "人材紹介会社", "Agency";
    SourceSourcing => "スカウト", "Sourcing";
    SourceImport => "インポート", "Import";
    SourceOther => "その他", "Other";
    RemoveTag => "タグを外す", "Remove the tag";
    AddTagLabel => "タグを追加", "Add a tag";
    AddTagButton => "追加", "Add";
    NotesTitle => "メモ", "Notes";
    NewNoteLabel => "新しいメモ（社内のみ）", "New note (internal only)";
    AddNoteButton => "メモを残す", "Add the note";
    ErrChooseCandidates => "候補者を1人以上選んでください。", "Select at least one candidate.";
    ErrSameStage => "既にその選考段階です。", "The application is at that stage already.";
    StageHistory => "選考の履歴", "Stage history";
    MoveTo => "選考段階を移す", "Move to";
    MoveButton => "移動", "Move";
    WithdrawHeading => "辞退を記録する", "Record a withdrawal";
    WithdrawRecordButton => "辞退を記録", "Record the withdrawal";
    JobDetailsHeading => "求人の内容", "Job details";
    ColActor => "操作者", "Who";
    ColDetail => "詳細", "Detail";
    AuditTitle => "操作の記録", "Audit trail";
    MailsSentTitle => "送信したメール", "Mail sent";
    NoMails => "メールはまだ送っていません。", "No mail yet.";
    NoReferrals => "紹介はありません。", "No referrals.";
    AuditActorEmail => "操作者のメールアドレス", "Who (e-mail)";
    AuditSubjectKind => "対象の種類", "Subject kind";
    AuditSubjectId => "対象のID", "Subject id";
    OlderEntries => "さらに古い記録", "Older entries";
    NavAudit => "操作の記録", "Audit log";
    ErrTimeInvalid => "時刻を HH:MM の形で入力してください。", "Enter the time as HH:MM.";
    ErrMinutes => "15分から480分の間で入力してください。", "Enter 15 to 480 minutes.";
    ErrUrlInvalid => "https:// で始まるURLを入力してください。", "Enter a URL starting with https://.";
    ErrPlaceRequired => "場所かオンライン会議のURLを入力してください。", "Enter a place or a meeting URL.";
    ErrInPast => "過去の日時は指定できません。", "This time is in the past.";
    InterviewWhen => "日時", "When";
    InterviewWhere => "場所", "Where";
    InterviewsTitle => "面接", "Interviews";
    NoInterviews => "面接の予定はありません。", "No interviews.";
    ScheduleInterview => "面接を設定する", "Schedule an interview";
    InterviewDate => "日付", "Date";
    InterviewTime => "開始時刻", "Start time";
    InterviewMinutes => "所要時間（分）", "Length (minutes)";
    InterviewPlace => "場所", "Place";
    MeetingUrl => "オンライン会議のURL", "Meeting URL";
    Interviewers => "面接官", "Interviewers";
    ScheduleButton => "設定して案内を送る", "Schedule and tell the candidate";
    RescheduleButton => "日程を変更して知らせる", "Move it and tell the candidate";
    InterviewResult => "結果・所見（社内）", "Result and notes (internal)";
    RecordResult => "結果を記録", "Record the result";
    InterviewScheduled => "面接を設定し、案内を送信待ちに入れました。", "The interview is scheduled and the candidate's mail queued.";
    MergedNote => "重複していた記録を統合しました：", "Merged a duplicate record:";
    ErrConfirmMerge => "統合してよいか確認のチェックを入れてください。", "Tick the box to confirm the merge.";
    DuplicatesTitle => "同一人物の可能性がある記録", "Possible duplicates";
    DupPhone => "電話番号が同じ", "Same phone number";
    DupNameBirth => "氏名と生年月日が同じ", "Same name and birth date";
    DupKanaBirth => "フリガナと生年月日が同じ", "Same reading and birth date";
    ReviewMerge => "比べて統合する", "Compare and merge";
    MergeTitle => "記録の統合", "Merge two records";
    MergeExplain => "右の記録を左の記録に統合します。応募・選考履歴・面接・メモ・同意の記録・送信メール・紹介の記録・履歴書はすべて左に移り、左の空欄は右の値で補われます。右の記録は削除されます。元に戻せません。", "The record on the right is merged into the one on the left: applications, stage history, interviews, notes, consent records, mail, referral records and résumés all move to the left, and empty fields on the left are filled from the right. The right-hand record is deleted. This cannot be undone.";
    MergeKeep => "残す記録", "Record kept";
    MergeRemove => "統合して削除する記録", "Record merged and deleted";
    MergeConfirmLabel => "内容を確認し、統合してよいことを確認しました", "I have compared them and want to merge";
    MergeButton => "統合する", "Merge";
    MergedNotice => "記録を統合しました。", "The records are merged.";
    ImportIgnore => "取り込まない", "Do not import";
    BirthDateLabel => "生年月日", "Birth date";
    ErrCsvInvalid => "CSVファイルとして読み取れません（見出し行と1行以上のデータが必要です）。", "This cannot be read as CSV (it needs a header row and at least one row).";
    ErrTooManyRows => "一度に取り込めるのは50,000行までです。", "At most 50,000 rows can be imported at once.";
    ErrImportMapping => "メールアドレスと氏名（姓と名、または氏名）の列を指定してください。", "Map a column to the e-mail address and to the name (family and given, or full name).";
    ErrPossibleDuplicate => "同じ電話番号の候補者が既にいます（重複の可能性）。", "A candidate with this phone number exists already (a possible duplicate).";
    NavImport => "CSV取り込み", "Import CSV";
    ImportTitle => "CSVの取り込み", "Import a CSV file";
    ImportIntro => "UTF-8でもShift_JIS（Excelの標準）でも取り込めます。次の画面で列を対応づけ、取り込む前に確認できます。同じファイルを二度取り込んでも候補者は増えません。", "UTF-8 and Shift_JIS (what Excel in Japan writes) both work. On the next page you map the columns and can check before importing. Importing the same file twice adds no one.";
    ImportFile => "CSVファイル", "CSV file";
    ImportTags => "全員に付けるタグ（カンマ区切り・任意）", "Tags for everyone (comma-separated, optional)";
    ImportUpload => "アップロードして列を対応づける", "Upload and map the columns";
    ImportMapping => "列の対応づけ（先頭5行のプレビュー）", "Column mapping (first five rows)";
    ImportRows => "行", "rows";
    ImportCheck => "確認する（取り込まない）", "Check only (dry run)";
    ImportRun => "取り込む", "Import";
    ImportCheckedTitle => "確認の結果（まだ取り込んでいません）", "Check result (nothing imported yet)";
    ImportDoneTitle => "取り込みの結果", "Import result";
    ImportWouldAdd => "追加される候補者", "Would be added";
    ImportAdded => "追加した候補者", "Added";
    ImportAlreadyPresent => "登録済み（同じメールアドレス）", "Already present (same e-mail)";
    ImportProblems => "取り込めない行", "Rows not imported";
    ImportLine => "行番号", "Line";
    ImportColumn => "列", "Column";
    ImportReason => "理由", "Reason";
    ImportExisting => "既存の候補者を見る", "See the existing candidate";
    NavEvents => "説明会・イベント", "Events";
    EventsTitle => "説明会・イベント", "Information sessions and events";
    NoEvents => "イベントはまだありません。", "No events yet.";
    NewEvent => "イベントを作成", "Create an event";
    EventTitleLabel => "イベント名", "Event name";
    CreateEventButton => "作成する", "Create";
    EventAttendedCount => "参加", "Attended";
    AttendeesTitle => "参加登録者", "Registered";
    Attended => "参加済み", "Attended";
    MarkAttended => "参加を記録", "Mark as attended";
    MarkAbsent => "不参加に戻す", "Mark as absent";
    AddAttendee => "参加登録（登録済み候補者のメールアドレス）", "Register (a known candidate's e-mail)";
    FollowUpTitle => "お礼・フォローアップのメール", "Follow-up mail";
    FollowUpHint => "参加した方のうち、求人のご案内に同意している方へ、テンプレートの文面で一度だけ送ります。", "Goes once, with the template's wording, to those who came and agreed to hear about jobs.";
    FollowUpButton => "フォローアップを送る", "Send the follow-up";
    FollowUpSent => "送信", "Sent";
    FollowUpSkipped => "同意がないため送らなかった方", "Not sent (no consent)";
    TemplateEventFollowUp => "イベントのフォローアップ", "Event follow-up";
    ErrUnknownCandidate => "このメールアドレスの候補者はいません。先に登録または取り込みをしてください。", "No candidate has this address. Add or import them first.";
    NavJobs => "求人", "Jobs";
    JobsTitle => "求人と選考", "Jobs and pipeline";
    NewJob => "求人を追加", "Add a job";
    JobTitleJa => "職種名（日本語）", "Title (Japanese)";
    JobTitleEn => "職種名（英語）", "Title (English)";
    DepartmentLabel => "部署", "Department";
    JobLocationLabel => "勤務地", "Location";
    EmploymentTypeLabel => "雇用形態", "Employment type";
    EmploymentFullTime => "正社員", "Full-time";
    EmploymentPartTime => "パート・アルバイト", "Part-time";
    EmploymentContract => "契約社員", "Contract";
    EmploymentInternship => "インターンシップ", "Internship";
    EmploymentNewGraduate => "新卒", "Graduate";
    JobOpenLabel => "募集中", "Open";
    JobClosedLabel => "募集終了", "Closed";
    DescriptionJa => "仕事内容（日本語）", "Description (Japanese)";
    DescriptionEn => "仕事内容（英語）", "Description (English)";
    ColApplications => "応募数", "Applications";
    PipelineTitle => "選考ボード", "Pipeline";
    PipelineEmpty => "この段階の応募はありません。", "No applications at this stage.";
    Moved => "選考段階を移しました。", "Moved.";
    WithdrawnRecorded => "辞退を記録しました。", "The withdrawal is recorded.";
    TemplateSignIn => "ログインリンク", "Sign-in link";
    TemplateSignUp => "登録の確認", "Registration confirmation";
    TemplateInvitation => "再応募のご案内", "Invitation to apply";
    TemplateInvitationReminder => "再応募のご案内（リマインド）", "Invitation reminder";
    TemplateInterview => "面接のご案内", "Interview scheduled";
    TemplateInterviewMoved => "面接日程の変更", "Interview moved";
    TemplateInterviewReminder => "面接前日のリマインド", "Interview reminder";
    ErrMissingMergeField => "このメールに欠かせない差し込み項目がありません。", "A merge field this mail needs is missing.";
    MissingFieldLabel => "必要な差し込み項目", "Field needed";
    RequiredFieldsLabel => "必須の差し込み項目", "Fields this mail needs";
    TemplateKindsLabel => "メールの種類", "Kinds of mail";
    PreviewCandidateLabel => "実在の候補者でプレビュー（メールアドレス）", "Preview with a real candidate (e-mail address)";
    PreviewCandidateHint => "その候補者の氏名・応募中の求人・面接などを差し込みます。リンクは表示のみで、発行はしません。閲覧は監査ログに記録されます。", "Fills in that candidate's name, job, interview and so on. Links are shown, never issued. The view is written to the audit log.";
    PreviewWithButton => "プレビュー", "Preview";
    PreviewCandidateNotFound => "そのメールアドレスの候補者は見つかりません。", "No candidate has that e-mail address.";
    PreviewShowingFor => "プレビューの差し込み先", "Preview filled in for";
    ErrTooManyViews => "保存できるビューは50件までです。不要なものを削除してください。", "You can keep up to 50 views. Delete one you no longer need.";
    SavedViewsTitle => "保存したビュー", "Saved views";
    NoSavedViews => "保存したビューはまだありません。検索・絞り込みの条件に名前を付けて保存できます。", "No saved views yet. Give the current search and filters a name to keep them.";
    SaveViewLabel => "この条件をビューとして保存（名前）", "Save these filters as a view (name)";
    SaveViewButton => "ビューを保存", "Save view";
    DeleteViewButton => "削除", "Delete";
    ViewSaved => "ビューを保存しました。", "View saved.";
    ViewDeleted => "ビューを削除しました。", "View deleted.";
    DupEmail => "メールアドレスが同じ", "Same e-mail address";
    ErrCandidateExists => "このメールアドレスの候補者は既に登録されています。", "A candidate with this e-mail address exists already.";
    ErrPossibleDuplicates => "同じ人かもしれない候補者がいます。確認のうえ、別の人であれば確認欄にチェックして登録してください。", "Someone here may be the same person. Check them; if this is someone else, tick the box and add again.";
    NewCandidateTitle => "候補者を追加", "Add a candidate";
    NewCandidateIntro => "スカウトした人や説明会で会った人などを登録します。ポータルと同じ入力ルールで正規化され、重複の可能性があれば登録前にお知らせします。", "Add someone you sourced or met at an event. The portal's rules apply, and possible duplicates are shown before anything is added.";
    NewCandidateButton => "候補者を追加", "Add candidate";
    PossibleDuplicatesTitle => "同じ人かもしれない候補者", "Possibly the same person";
    ConfirmNotDuplicate => "上の候補者とは別の人であることを確認しました", "I checked: this is not any of the people above";
    CandidateCreated => "候補者を追加しました。", "Candidate added.";
    ErrImportRunning => "この取り込みは実行中です。終わるまでお待ちください。", "This import is running. Wait for it to finish.";
    ImportRunningTitle => "取り込み中", "Importing";
    ImportProgressLabel => "取り込みの進み具合", "Import progress";
    ImportRunningHint => "バックグラウンドで取り込んでいます。このページは自動で更新されます。閉じても取り込みは続きます。", "The import runs in the background. This page refreshes itself; closing it does not stop the import.";
    NavUsers => "ユーザー", "Users";
    UsersTitle => "ユーザー", "Users";
    UsersIntro => "社内のユーザーと役割です。閲覧者は見るだけ、採用担当は候補者と求人を扱い、管理者はユーザー・紹介会社・テンプレート・ポリシー・設定も管理します。", "Your company's users and their roles. Viewers read; recruiters work with candidates and jobs; admins also manage users, agencies, templates, policies and settings.";
    RoleLabel => "役割", "Role";
    RoleViewer => "閲覧者", "Viewer";
    RoleRecruiter => "採用担当", "Recruiter";
    RoleAdmin => "管理者", "Admin";
    StatusLabel => "状態", "Status";
    UserActive => "有効", "Active";
    UserDisabled => "無効", "Disabled";
    UserInvited => "招待中（パスワード未設定）", "Invited (no password yet)";
    InviteUserTitle => "ユーザーを招待", "Invite a user";
    InviteUserButton => "招待メールを送る", "Send the invitation";
    ChangeRoleButton => "役割を変更", "Change role";
    DisableUserButton => "無効にする", "Disable";
    EnableUserButton => "有効にする", "Enable";
    UserInvitedNotice => "招待メールを送りました。", "Invitation sent.";
    UserChangedNotice => "ユーザーを更新しました。", "User updated.";
    ErrNotYourself => "自分自身の役割や状態は変更できません。", "You cannot change your own role or status.";
    MailStaffInviteSubject => "【Kizuna】アカウントへのご招待", "Your invitation to Kizuna";
    MailStaffInviteBody => "Kizuna の採用管理画面のアカウントを作成しました。下のリンクからパスワードを設定してください。", "We created your account for the Kizuna recruiting workspace. Set your password with the link below.";
    StaffSetPasswordTitle => "パスワードの設定", "Set your password";
    StaffSetPasswordBody => "Kizuna の採用管理画面で使うパスワードを決めてください（10文字以上）。", "Choose the password for the Kizuna recruiting workspace (10 characters or more).";
    NavReasons => "辞退・不採用の理由", "Decline reasons";
    ReasonsTitle => "辞退・不採用の理由", "Decline reasons";
    ReasonsIntro => "不採用（会社側）と辞退（候補者側）の理由の一覧です。使わなくなった理由は廃止すると選択肢から外れますが、過去の応募の記録と集計には残ります。", "The lists of reasons for a rejection (company side) and a withdrawal (candidate side). A retired reason is no longer offered but stays on past applications and in the statistics.";
    ReasonsCompanySide => "会社側（不採用）", "Company side (rejection)";
    ReasonsCandidateSide => "候補者側（辞退）", "Candidate side (withdrawal)";
    ReasonJaLabel => "理由（日本語）", "Reason (Japanese)";
    ReasonEnLabel => "理由（英語）", "Reason (English)";
    ReasonSideLabel => "種類", "Side";
    ReasonUses => "使用件数", "Used";
    ReasonRetired => "廃止", "Retired";
    RetireReasonButton => "廃止する", "Retire";
    RestoreReasonButton => "元に戻す", "Restore";
    AddReasonTitle => "理由を追加", "Add a reason";
    AddReasonButton => "追加する", "Add";
    ErrReasonExists => "同じ理由がすでにあります。", "This reason is in the list already.";
    ImportEventLabel => "イベントの参加者として登録（任意）", "Register everyone for an event (optional)";
    ImportNoEvent => "登録しない", "Do not register";
    ImportAttended => "参加済みとして記録する（参加者名簿の場合）", "Mark them as having come (for a list of attendees)";
    ImportRegistered => "イベントに登録", "Registered for the event";
    NotFoundTitle => "ページが見つかりません", "Page not found";
    NotFoundBody => "お探しのページは移動または削除された可能性があります。", "The page you are looking for may have moved or been removed.";
    BackHome => "トップへ戻る", "Back to the start";
    ErrorTitle => "問題が発生しました", "Something went wrong";
    ErrorLabel => "エラー", "Error";
    ErrRequired => "入力してください。", "This field is required.";
    ErrEmailInvalid => "メールアドレスの形式が正しくありません。", "This is not a valid e-mail address.";
    ErrPhoneInvalid => "電話番号の形式が正しくありません。", "This is not a valid phone number.";
    ErrNameInvalid => "名前に使えない文字が含まれています。", "The name contains characters that are not allowed.";
    ErrKanaInvalid => "フリガナはカタカナまたはひらがなで入力してください。", "Enter the reading in katakana or hiragana.";
    ErrTooLong => "長すぎます。", "This is too long.";
    ErrInvalid => "入力内容を確認してください。", "Please check what you entered.";
    ErrNotFound => "見つかりません。", "Not found.";
    ErrUnauthorized => "ログインしてください。", "Please sign in.";
    ErrForbidden => "この操作を行う権限がありません。", "You are not allowed to do this.";
    ErrConflict => "既に存在します。", "This already exists.";
    ErrRateLimited => "試行回数が多すぎます。しばらく待ってから再度お試しください。", "Too many attempts. Please wait a while and try again.";
    ErrInternal => "サーバーで問題が発生しました。時間をおいて再度お試しください。", "Something went wrong on our side. Please try again later.";
    ErrPasswordTooShort => "パスワードは10文字以上にしてください。", "The password must have at least 10 characters.";
    ErrInvalidCredentials => "メールアドレスまたはパスワードが正しくありません。", "The e-mail address or password is not correct.";
    ErrImportFinished => "この取り込みは完了しています。ファイルの内容は完了時に削除されました。もう一度取り込むには、ファイルをアップロードし直してください。", "This import has finished, and the file's contents were deleted when it did. To import the file again, upload it again.";
    ErrErasedByRequest => "本人の依頼により削除された方です。追加しません。", "Erased at the person's request — not added.";
    ImportFinishedNote => "取り込みが完了したため、ファイルの内容（各行の値）は削除しました。下の結果には行番号・項目・理由だけを残しています。", "The import has finished, so the file's contents (the values of its rows) were deleted. The report below keeps only line numbers, columns and reasons.";
    ImportFailedTitle => "取り込みが停止しました", "The import has stopped";
    ImportFailedBody => "次の行から始まるまとまりを取り込めませんでした（試行回数）：", "The batch starting at this line could not be imported (attempts):";
    ImportFailedHint => "原因を解消してから、もう一度お試しください。取り込み済みの行はそのままです。", "Fix the cause, then try again. The rows already imported stay as they are.";
    ImportRetry => "もう一度試す", "Try again";
    RelayDonePortalHeading => "マイページで記録を確認する", "See your records in your portal";
    RelayDonePortalBody => "提供の記録の確認や同意の撤回はマイページでいつでもできます。メールアドレスを入力すると、ログイン用のリンクをお送りします。", "You can see the provision records and withdraw your consent in your portal at any time. Enter your e-mail address and we will send you a sign-in link.";
    ColDate => "日付", "Date";
    MergeMovingTitle => "統合で移る同意と提供の記録", "Consents and provision records that move with the merge";
    MergeMovingNone => "2件目の記録には、同意も第三者提供の記録もありません。", "The second record has no consents and no provision records.";
    MergeMovingReferrals => "人材紹介会社への提供の記録", "Provisions to partner agencies";
    MergeConfirmAgencyLabel => "2件目の記録にある人材紹介会社への同意と提供の記録が、同じ本人のものであることを確認しました", "I have checked that the agency consents and provision records of the second record are this same person's";
    ErrConfirmAgencyMerge => "2件目の記録には人材紹介会社への同意があります。同じ本人のものであることを確認して、チェックを入れてください。", "The second record has agency referral consents. Check that they are this same person's and tick the box.";
    SignUpTitle => "マイページに登録する", "Register with us";
    SignUpIntro => "応募の前でも、登録しておけば、あなたに合う求人のお知らせや、マイページでのデータの確認・削除ができます。メールアドレスの確認のため、登録用のリンクをお送りします。", "Even before you apply, registering lets you hear about jobs that suit you and see or erase your data in your portal. To confirm your address we send you a link to complete the registration.";
    SignUpOptional => "任意の同意（それぞれ別に選べます。選ばなくても登録できます）", "Optional consents (each on its own; you can register without them)";
    SignUpTalentPool => "人材データベースに登録し、今後の求人で検討してもらう", "Keep my details to consider me for future roles (talent pool)";
    SignUpJobNews => "求人や説明会のお知らせをメールで受け取る", "E-mail me about new jobs and information sessions";
    SignUpButton => "登録用のリンクを送る", "Send me a registration link";
    SignUpLink => "はじめての方は登録できます", "New here? Register";
    SignUpSentTitle => "メールをご確認ください", "Check your e-mail";
    SignUpSentBody => "登録を完了するためのリンクをお送りしました（すでに登録済みのアドレスには、ログイン用のリンクをお送りしています）。リンクの有効期限は24時間です。", "We have sent a link to complete your registration (an address that is registered already gets a sign-in link instead). The link expires in 24 hours.";
    SignUpConfirmTitle => "登録を完了する", "Complete your registration";
    SignUpConfirmBody => "この名前で登録します（マイページでいつでも直せます）。任意の同意をそれぞれ選び、ボタンを押すと登録が完了してマイページにログインします。", "You are registering under this name (you can correct it in your portal at any time). Choose each optional consent on its own, then press the button to complete the registration and sign in to your portal.";
    SignUpConfirmButton => "登録を完了する", "Complete my registration";
    HeldProfile => "プロフィール（氏名・連絡先・経歴）", "Your profile (name, contact details, background)";
    HeldTags => "担当者が付けたラベル", "Labels our recruiters gave you";
    HeldNotes => "担当者のメモ", "Our recruiters' notes about you";
    HeldApplications => "応募", "Applications";
    HeldStageHistory => "選考の履歴", "The history of each selection";
    HeldInterviews => "面接", "Interviews";
    HeldInvitations => "再応募のご案内", "Invitations to apply again";
    HeldEvents => "説明会などへの参加", "Information sessions and events you joined";
    HeldConsents => "同意の記録", "Records of what you agreed to";
    HeldPreferences => "連絡設定", "Your contact preferences";
    HeldResumes => "履歴書", "Résumés";
    HeldReferrals => "人材紹介会社への提供の記録", "Records of provision to partner agencies";
    HeldMails => "送信したメール", "E-mails we sent you";
    HeldMergedIdentities => "統合した以前の登録（メールアドレス・電話番号）", "Earlier records merged into yours (e-mail address, phone)";
    HeldActivity => "あなたのデータに対する操作の記録", "What was done with your data, and when";
    TooLargeTitle => "送信内容が大きすぎます", "What you sent is too large";
    TooLargeBody => "フォームの内容が上限を超えたため、受け付けられませんでした。内容を短くして、もう一度お試しください。", "The form held more than we accept, so nothing was saved. Please shorten it and try again.";
    MailGreetingSuffix => " 様", "";
    MailGreetingPrefix => "", "Dear ";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality_known_language() {
        assert_eq!(Lang::negotiate("en-US,en;q=0.9,ja;q=0.8"), Lang::En);
        assert_eq!(Lang::negotiate("fr-FR,ja;q=0.5,en;q=0.4"), Lang::Ja);
        assert_eq!(Lang::negotiate("de"), Lang::Ja);
        assert_eq!(Lang::negotiate(""), Lang::Ja);
    }

    #[test]
    fn codes_round_trip() {
        assert_eq!(Msg::from_code(Msg::ErrRateLimited.code()), Some(Msg::ErrRateLimited));
        assert_eq!(Msg::from_code("<script>"), None);
    }
}
