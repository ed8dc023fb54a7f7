use super::*;
use jiff::tz::TimeZone;
use jiff::Timestamp;

fn at(text: &str) -> i64 {
    text.parse::<Timestamp>().unwrap().as_millisecond()
}

fn tokyo() -> TimeZone {
    TimeZone::get("Asia/Tokyo").unwrap()
}

fn willing() -> SendFacts {
    SendFacts { active: true, consent: true, in_segment: true, ..SendFacts::default() }
}

/// 12:00 in Tokyo
const NOON: &str = "2026-12-01T03:00:00Z";

#[test]
fn a_willing_person_is_sent_to_at_noon() {
    assert_eq!(decide(&willing(), at(NOON), QuietHours::default(), &tokyo()), Decision::Send);
}

#[test]
fn each_reason_skips_and_the_first_one_wins() {
    let now = at(NOON);
    let case = |change: &dyn Fn(&mut SendFacts)| {
        let mut facts = willing();
        change(&mut facts);
        decide(&facts, now, QuietHours::default(), &tokyo())
    };
    assert_eq!(case(&|f| f.active = false), Decision::Skip(SkipReason::Erased));
    assert_eq!(case(&|f| f.applied_since = true), Decision::Skip(SkipReason::Applied));
    assert_eq!(case(&|f| f.consent = false), Decision::Skip(SkipReason::NoConsent));
    assert_eq!(case(&|f| f.unsubscribed = true), Decision::Skip(SkipReason::Unsubscribed));
    assert_eq!(case(&|f| f.pause_until = Some(now + 1)), Decision::Skip(SkipReason::Paused));
    assert_eq!(case(&|f| f.pause_until = Some(now)), Decision::Send, "a pause that ends now is over");
    assert_eq!(case(&|f| f.in_segment = false), Decision::Skip(SkipReason::LeftSegment));
    assert_eq!(
        case(&|f| {
            f.consent = false;
            f.unsubscribed = true;
        }),
        Decision::Skip(SkipReason::NoConsent)
    );
}

#[test]
fn the_monthly_cap_skips_the_step_without_ending_the_sequence() {
    let now = at(NOON);
    let mut facts = willing();
    facts.monthly_cap = Some(2);
    facts.recent_optional = 1;
    assert_eq!(decide(&facts, now, QuietHours::default(), &tokyo()), Decision::Send);
    facts.recent_optional = 2;
    assert_eq!(decide(&facts, now, QuietHours::default(), &tokyo()), Decision::Skip(SkipReason::Cap));
    assert!(!SkipReason::Cap.exits() && !SkipReason::NoRejection.exits());
    assert!(SkipReason::ALL
        .iter()
        .filter(|r| !matches!(r, SkipReason::Cap | SkipReason::NoRejection))
        .all(|r| r.exits()));
}

#[test]
fn quiet_hours_wait_until_eight_in_the_morning() {
    let quiet = QuietHours::default();
    // 20:59 Tokyo: still allowed; 21:00: quiet until 08:00 the next day; 07:59: until 08:00 that day
    assert_eq!(quiet.until(at("2026-12-01T11:59:00Z"), &tokyo()), None);
    assert_eq!(quiet.until(at("2026-12-01T12:00:00Z"), &tokyo()), Some(at("2026-12-01T23:00:00Z")));
    assert_eq!(quiet.until(at("2026-12-01T22:59:00Z"), &tokyo()), Some(at("2026-12-01T23:00:00Z")));
    assert_eq!(quiet.until(at("2026-12-01T23:00:00Z"), &tokyo()), None);
    let facts = willing();
    assert_eq!(decide(&facts, at("2026-12-01T14:00:00Z"), quiet, &tokyo()), Decision::Wait(at("2026-12-01T23:00:00Z")));
    // another zone, another night
    let berlin = TimeZone::get("Europe/Berlin").unwrap();
    assert_eq!(quiet.until(at("2026-12-01T20:30:00Z"), &berlin), Some(at("2026-12-02T07:00:00Z")));
    // switched off, and a daytime window
    assert_eq!(QuietHours::parse("off").unwrap().until(at("2026-12-01T14:00:00Z"), &tokyo()), None);
    let lunch = QuietHours::parse("12-13").unwrap();
    assert_eq!(lunch.until(at(NOON), &tokyo()), Some(at("2026-12-01T04:00:00Z")));
    assert_eq!(QuietHours::parse("25-8"), None);
    assert_eq!(QuietHours::parse("nine"), None);
}

#[test]
fn a_date_ahead_waits_before_the_cap_and_quiet_hours_count() {
    let now = at(NOON);
    let mut facts = willing();
    facts.not_before = Some(now + 86_400_000);
    facts.monthly_cap = Some(1);
    facts.recent_optional = 5;
    assert_eq!(decide(&facts, now, QuietHours::default(), &tokyo()), Decision::Wait(now + 86_400_000));
    facts.consent = false;
    assert_eq!(decide(&facts, now, QuietHours::default(), &tokyo()), Decision::Skip(SkipReason::NoConsent));
}

#[test]
fn a_step_counted_from_a_rejection_skips_who_was_never_rejected() {
    let mut facts = willing();
    facts.anchor_missing = true;
    assert_eq!(decide(&facts, at(NOON), QuietHours::default(), &tokyo()), Decision::Skip(SkipReason::NoRejection));
}

#[test]
fn delays_follow_the_calendar() {
    let zone = tokyo();
    let start = at("2026-08-31T03:00:00Z");
    assert_eq!(step_due(start, 0, DelayUnit::Days, &zone), start);
    assert_eq!(step_due(start, 7, DelayUnit::Days, &zone), at("2026-09-07T03:00:00Z"));
    assert_eq!(
        step_due(start, 6, DelayUnit::Months, &zone),
        at("2027-02-28T03:00:00Z"),
        "the 31st becomes the month's last day"
    );
}

fn form() -> StepForm {
    let step = Step::starter(0);
    StepForm {
        delay: "0".into(),
        unit: "days".into(),
        anchor: "previous".into(),
        subject_ja: step.subject_ja,
        body_ja: step.body_ja,
        subject_en: step.subject_en,
        body_en: step.body_en,
    }
}

fn fields(errors: Vec<FieldError>) -> Vec<String> {
    errors.into_iter().map(|e| e.field).collect()
}

#[test]
fn a_step_is_checked_field_by_field() {
    let step = form().check(0).unwrap();
    assert_eq!((step.delay, step.unit, step.anchor), (0, DelayUnit::Days, StepAnchor::Previous));
    let mut bad = form();
    bad.delay = "-1".into();
    bad.subject_en = " \n ".into();
    bad.body_ja = "{{name}}様 {{sign_in_link}}".into();
    assert_eq!(fields(bad.check(0).unwrap_err()), ["delay", "body_ja", "subject_en"]);
    let mut months = form();
    months.unit = "months".into();
    months.delay = "６".into();
    assert_eq!(months.check(1).unwrap().delay, 6, "full-width digits are read as typed");
    months.delay = "121".into();
    assert_eq!(fields(months.check(1).unwrap_err()), ["delay"]);
    let mut long = form();
    long.subject_ja = "あ".repeat(201);
    assert_eq!(fields(long.check(0).unwrap_err()), ["subject_ja"]);
    let mut lines = form();
    lines.subject_ja = "一行目\r\n二行目".into();
    assert_eq!(lines.check(0).unwrap().subject_ja, "一行目 二行目");
}

#[test]
fn a_campaign_needs_a_name_a_kind_a_segment_and_a_purpose_it_may_mail_for() {
    let good = CampaignForm {
        name: " 秋の再会 ".into(),
        kind: "sequence".into(),
        segment_id: "s1".into(),
        purpose: "job_news".into(),
        exit_on_unmatch: "1".into(),
    };
    let settings = good.check().unwrap();
    assert_eq!(
        (settings.name.as_str(), settings.kind, settings.exit_on_unmatch),
        ("秋の再会", CampaignKind::Sequence, true)
    );
    let bad = CampaignForm { purpose: "agency_referral".into(), kind: "blast".into(), ..CampaignForm::default() };
    assert_eq!(fields(bad.check().unwrap_err()), ["name", "kind", "purpose", "segment_id"]);
}

#[test]
fn every_link_field_has_a_target_and_every_target_is_a_kizuna_path() {
    for (field, _, path) in LINK_TARGETS {
        assert!(CAMPAIGN_FIELDS.contains(field));
        assert!(path.starts_with('/') && !path.starts_with("//"));
    }
}
