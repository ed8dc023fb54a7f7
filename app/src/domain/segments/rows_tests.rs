use super::*;

fn row(depth: usize, kind: &str, a: &str, b: &str) -> RowInput {
    RowInput::new(depth, kind, a, b)
}

fn fields(result: Result<Rule, Vec<FieldError>>) -> Vec<(String, Msg)> {
    result.unwrap_err().into_iter().map(|e| (e.field, e.message)).collect()
}

#[test]
fn every_preset_survives_rows_and_json() {
    for preset in crate::domain::segments::PRESETS {
        let rule = (preset.rule)();
        let rows = RowInput::from_rule(&rule);
        assert_eq!(RowInput::to_rule(&rows), Ok(rule.clone()), "{}", preset.key);
        assert_eq!(Rule::from_json(&rule.to_json()), Some(rule), "{}", preset.key);
    }
}

#[test]
fn nested_groups_read_back_in_order() {
    let rows = vec![
        row(0, "any", "", ""),
        row(1, "tag", "Java", ""),
        row(1, "none", "", ""),
        row(2, "outcome", "rejected", ""),
        row(2, "all", "", ""),
        row(3, "skill", "ＲＵＳＴ", ""),
        row(1, "source", "referral", ""),
    ];
    let rule = RowInput::to_rule(&rows).unwrap();
    assert_eq!(
        rule,
        Rule::any(vec![
            Rule::when(Condition::Tag { tag: "Java".into() }),
            Rule::none(vec![
                Rule::when(Condition::Outcome { outcome: Outcome::Rejected }),
                Rule::all(vec![Rule::when(Condition::Skill { text: "rust".into() })]),
            ]),
            Rule::when(Condition::Source { source: SourceChannel::Referral }),
        ])
    );
    assert_eq!(rule.conditions(), 4);
    assert_eq!(RowInput::from_rule(&rule)[5], row(3, "skill", "rust", ""));
}

#[test]
fn each_operator_reads_its_values() {
    let one = |kind: &str, a: &str, b: &str| RowInput::to_rule(&[row(0, "all", "", ""), row(1, kind, a, b)]);
    let cond = |c: Condition| Ok(Rule::all(vec![Rule::when(c)]));
    assert_eq!(one("stage_reached", "interview", ""), cond(Condition::StageReached { stage: Stage::Interview }));
    assert_eq!(one("decline_reason", "r1", ""), cond(Condition::DeclineReason { reason: "r1".into() }));
    assert_eq!(one("rejected_days_ago", "150", "210"), cond(Condition::RejectedDaysAgo { min: 150, max: Some(210) }));
    assert_eq!(one("contact_days_ago", "", "90"), cond(Condition::ContactDaysAgo { min: 0, max: Some(90) }));
    assert_eq!(
        one("consent", "job_news", "not_granted"),
        cond(Condition::Consent { purpose: SegmentConsent::JobNews, granted: false })
    );
    assert_eq!(one("topic", "department:開発", ""), cond(Condition::Topic { topic: "department:開発".into() }));
    assert_eq!(one("location", " 東京 ", ""), cond(Condition::Location { text: "東京".into() }));
    assert_eq!(one("desired_role", "SRE", ""), cond(Condition::DesiredRole { text: "sre".into() }));
    assert_eq!(one("event", "", "no_show"), cond(Condition::Event { event: None, attended: false }));
    assert_eq!(one("event", "e1", "attended"), cond(Condition::Event { event: Some("e1".into()), attended: true }));
    assert_eq!(one("invitation", "accepted", ""), cond(Condition::Invitation { status: InvitationStatus::Accepted }));
    assert_eq!(
        one("added_between", "2026-1-5", ""),
        cond(Condition::AddedBetween { from: Some("2026-01-05".into()), to: None })
    );
    assert_eq!(one("applied", "", ""), cond(Condition::Applied));
}

#[test]
fn bad_rows_are_refused_one_message_each() {
    let rows = vec![
        row(0, "all", "", ""),
        row(1, "tag", "", ""),
        row(1, "rejected_days_ago", "30", "10"),
        row(1, "source", "carrier pigeon", ""),
        row(1, "added_between", "2026-02-30", ""),
        row(1, "skill", &"x".repeat(101), ""),
        row(1, "consent", "selection", "granted"),
        row(1, "DROP TABLE", "", ""),
        row(1, "any", "", ""),
    ];
    assert_eq!(
        fields(RowInput::to_rule(&rows)),
        vec![
            ("rows[1]".into(), Msg::ErrRequired),
            ("rows[2]".into(), Msg::ErrSegmentDays),
            ("rows[3]".into(), Msg::ErrInvalid),
            ("rows[4]".into(), Msg::ErrSegmentDate),
            ("rows[5]".into(), Msg::ErrTooLong),
            ("rows[6]".into(), Msg::ErrInvalid),
            ("rows[7]".into(), Msg::ErrInvalid),
            ("rows[8]".into(), Msg::ErrSegmentEmptyGroup),
        ]
    );
}

#[test]
fn the_shape_is_checked() {
    assert_eq!(fields(RowInput::to_rule(&[])), vec![("rows[0]".into(), Msg::ErrInvalid)]);
    assert_eq!(fields(RowInput::to_rule(&[row(0, "tag", "x", "")])), vec![("rows[0]".into(), Msg::ErrInvalid)]);
    // a row that skips a level is not inside anything
    let skipping = [row(0, "all", "", ""), row(1, "applied", "", ""), row(3, "applied", "", "")];
    assert_eq!(fields(RowInput::to_rule(&skipping)), vec![("rows[2]".into(), Msg::ErrInvalid)]);
    let mut deep = vec![row(0, "all", "", "")];
    for depth in 1..=MAX_DEPTH {
        deep.push(row(depth, "all", "", ""));
    }
    deep.push(row(MAX_DEPTH + 1, "applied", "", ""));
    assert!(fields(RowInput::to_rule(&deep)).contains(&("rows[4]".into(), Msg::ErrSegmentTooDeep)));
    let many = vec![row(1, "applied", "", ""); MAX_ROWS + 1];
    assert_eq!(fields(RowInput::to_rule(&many)), vec![("rows".into(), Msg::ErrSegmentTooLarge)]);
    assert_eq!(
        fields(RowInput::to_rule(&[row(0, "all", "", "")])),
        vec![("rows[0]".into(), Msg::ErrSegmentEmptyGroup)]
    );
}

#[test]
fn builder_buttons_add_and_remove_rows() {
    let rows = vec![row(0, "all", "", ""), row(1, "any", "", ""), row(2, "applied", "", ""), row(1, "applied", "", "")];
    let added = RowInput::apply(rows.clone(), "add:1");
    assert_eq!(added[3], RowInput::default_condition(2));
    assert_eq!(added.len(), 5);
    let grouped = RowInput::apply(rows.clone(), "group:0");
    assert_eq!((grouped[4].kind.as_str(), grouped[4].depth()), ("all", 1));
    assert_eq!(grouped[5], RowInput::default_condition(2));
    let removed = RowInput::apply(rows.clone(), "remove:1");
    assert_eq!(removed, vec![row(0, "all", "", ""), row(1, "applied", "", "")]);
    assert_eq!(RowInput::apply(rows.clone(), "remove:0"), rows);
    assert_eq!(RowInput::apply(rows.clone(), "add:2"), rows);
    assert_eq!(RowInput::apply(rows.clone(), "add:99"), rows);
    assert_eq!(RowInput::apply(rows.clone(), "explode"), rows);
    assert!(RowInput::to_rule(&RowInput::apply(rows, "group:1")).is_ok());
}

#[test]
fn the_presets_the_migration_ships_are_the_presets_in_code() {
    let sql = include_str!("../../../migrations/0019_segments.sql");
    for preset in crate::domain::segments::PRESETS {
        let json = sql
            .lines()
            .skip_while(|l| !l.contains(&format!("'{}',", preset.key)))
            .nth(1)
            .map(|l| l.trim().trim_end_matches(',').trim_matches('\''))
            .unwrap();
        assert_eq!(Rule::from_json(json), Some((preset.rule)()), "{}", preset.key);
    }
}

#[test]
fn a_row_whose_kind_changed_starts_from_the_new_kinds_defaults() {
    let mut changed = row(1, "consent", "talent_pool", "granted");
    changed.kind = "skill".into();
    let rows = RowInput::apply(vec![row(0, "all", "", ""), changed], "save");
    assert_eq!(rows[1], row(1, "skill", "", ""));
    assert_eq!(fields(RowInput::to_rule(&rows)), vec![("rows[1]".into(), Msg::ErrRequired)]);
    let mut to_consent = row(1, "skill", "rust", "");
    to_consent.kind = "consent".into();
    assert_eq!(RowInput::apply(vec![to_consent], "save")[0], RowInput::default_condition(1));
}
