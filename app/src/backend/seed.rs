//! `kizuna seed-demo`: a believable company with jobs, candidates in every stage, rejections and events.
use super::auth::upsert_user;
use super::db::{new_id, Db, Tx};
use crate::domain::{AppError, ConsentPurpose, Email, Role, Stage};

pub const DEMO_PASSWORD: &str = "kizuna-demo-2026";
pub const DEMO_ADMIN: &str = "admin@example.com";
pub const DEMO_RECRUITER: &str = "recruiter@example.com";
pub const DEMO_VIEWER: &str = "viewer@example.com";
pub const DEMO_CANDIDATE: &str = "hanako.yamada@example.com";
/// A second known candidate, who reads Kizuna in English.
pub const DEMO_CANDIDATE_EN: &str = "emma.wilson@example.com";
/// A third known candidate, for trying out erasure.
pub const DEMO_CANDIDATE_ERASE: &str = "taro.suzuki@example.com";
/// Two candidates with an application in screening, for trying out a rejection and the career relay.
pub const DEMO_RELAY_CANDIDATES: [&str; 2] = ["jiro.tanaka@example.com", "misaki.sato@example.com"];
/// The same person twice, to try duplicate detection and the merge.
pub const DEMO_DUPLICATES: [&str; 2] = ["ken.ito@example.com", "ken.ito.2@example.com"];
/// Partner agencies' portal users (same password as the recruiters).
pub const DEMO_AGENCY_USERS: [&str; 2] = ["agent@mirai-career.example.com", "agent@nextlink.example.com"];

const DAY: i64 = 86_400_000;

/// Deterministic so that every demo looks the same (xorshift64*).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const JA_FAMILY: &[(&str, &str, &str)] = &[
    ("佐藤", "サトウ", "sato"),
    ("鈴木", "スズキ", "suzuki"),
    ("高橋", "タカハシ", "takahashi"),
    ("田中", "タナカ", "tanaka"),
    ("伊藤", "イトウ", "ito"),
    ("渡辺", "ワタナベ", "watanabe"),
    ("山本", "ヤマモト", "yamamoto"),
    ("中村", "ナカムラ", "nakamura"),
    ("小林", "コバヤシ", "kobayashi"),
    ("加藤", "カトウ", "kato"),
    ("吉田", "ヨシダ", "yoshida"),
    ("山口", "ヤマグチ", "yamaguchi"),
    ("松本", "マツモト", "matsumoto"),
    ("井上", "イノウエ", "inoue"),
    ("木村", "キムラ", "kimura"),
    ("林", "ハヤシ", "hayashi"),
];
const JA_GIVEN: &[(&str, &str, &str)] = &[
    ("翔太", "ショウタ", "shota"),
    ("陽菜", "ヒナ", "hina"),
    ("蓮", "レン", "ren"),
    ("結衣", "ユイ", "yui"),
    ("大輝", "ダイキ", "daiki"),
    ("美咲", "ミサキ", "misaki"),
    ("健太", "ケンタ", "kenta"),
    ("さくら", "サクラ", "sakura"),
    ("悠真", "ユウマ", "yuma"),
    ("葵", "アオイ", "aoi"),
    ("拓海", "タクミ", "takumi"),
    ("彩", "アヤ", "aya"),
    ("直樹", "ナオキ", "naoki"),
    ("真由", "マユ", "mayu"),
];
const EN_FAMILY: &[&str] =
    &["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Martin", "Clarke", "Walker", "Young", "King"];
const EN_GIVEN: &[&str] =
    &["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Grace", "Owen"];
const LOCATIONS: &[&str] = &["東京都", "大阪府", "神奈川県", "愛知県", "福岡県", "北海道", "京都府", "Remote"];
const SKILLS: &[&str] =
    &["Rust", "TypeScript", "Go", "Python", "SQL", "AWS", "Figma", "営業", "経理", "採用", "Kubernetes", "React"];
const SOURCES: &[&str] = &["website", "job_board", "referral", "info_session", "agency", "sourcing"];

struct Job {
    title_ja: &'static str,
    title_en: &'static str,
    department: &'static str,
    location: &'static str,
    open: bool,
}

const JOBS: &[Job] = &[
    Job {
        title_ja: "バックエンドエンジニア（Rust）",
        title_en: "Backend Engineer (Rust)",
        department: "Engineering",
        location: "東京都",
        open: true,
    },
    Job {
        title_ja: "フロントエンドエンジニア",
        title_en: "Frontend Engineer",
        department: "Engineering",
        location: "東京都",
        open: true,
    },
    Job {
        title_ja: "SRE",
        title_en: "Site Reliability Engineer",
        department: "Engineering",
        location: "Remote",
        open: true,
    },
    Job {
        title_ja: "プロダクトデザイナー",
        title_en: "Product Designer",
        department: "Design",
        location: "大阪府",
        open: true,
    },
    Job {
        title_ja: "法人営業", title_en: "Account Executive", department: "Sales", location: "東京都", open: true
    },
    Job {
        title_ja: "カスタマーサクセス",
        title_en: "Customer Success Manager",
        department: "Sales",
        location: "福岡県",
        open: true,
    },
    Job {
        title_ja: "経理スタッフ", title_en: "Accountant", department: "Finance", location: "東京都", open: false
    },
    Job {
        title_ja: "新卒総合職（2026年度）",
        title_en: "Graduate Programme 2026",
        department: "HR",
        location: "東京都",
        open: false,
    },
];

#[derive(Debug, Default)]
pub struct SeedSummary {
    pub already_seeded: bool,
    pub candidates: usize,
    pub applications: usize,
    pub jobs: usize,
}

pub async fn seed_demo(db: &Db, candidates: usize, now: i64) -> Result<SeedSummary, AppError> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM candidates").fetch_one(db.pool()).await?;
    if existing > 0 {
        return Ok(SeedSummary { already_seeded: true, ..Default::default() });
    }
    for (email, name, role) in [
        (DEMO_ADMIN, "管理者 デモ", Role::Admin),
        (DEMO_RECRUITER, "採用 太郎", Role::Recruiter),
        (DEMO_VIEWER, "閲覧 花子", Role::Viewer),
    ] {
        let email = Email::parse(email).map_err(|_| AppError::Internal)?;
        upsert_user(db, &email, name, DEMO_PASSWORD, role, now).await?;
    }
    let mut tx = db.begin().await?;
    let policy_ids = seed_policies(&mut tx).await?;
    let job_ids = seed_jobs(&mut tx, now).await?;
    let reason_ids = seed_reasons(&mut tx).await?;
    let mut dice = Dice(0x4b49_5a55_4e41_2026);
    let mut summary = SeedSummary { jobs: job_ids.len(), ..Default::default() };
    let mut candidate_ids = Vec::with_capacity(candidates);
    for i in 0..candidates.max(1) {
        let id = new_id();
        let created = now - (dice.below(540) as i64 + 1) * DAY;
        let person = if i == 0 {
            Person::hanako()
        } else if i == 1 {
            Person::emma()
        } else if i == 2 {
            Person {
                family: "鈴木".into(),
                given: "太郎".into(),
                kana: Some(("スズキ".into(), "タロウ".into())),
                email: DEMO_CANDIDATE_ERASE.into(),
                phone: Some("+819087654321".into()),
                language: "ja",
            }
        } else if dice.chance(75) {
            let (family, family_kana, family_roman) = *dice.pick(JA_FAMILY);
            let (given, given_kana, given_roman) = *dice.pick(JA_GIVEN);
            Person {
                family: family.into(),
                given: given.into(),
                kana: Some((family_kana.into(), given_kana.into())),
                email: format!("{given_roman}.{family_roman}{i}@example.com"),
                phone: Some(format!("+8190{:08}", dice.next() % 100_000_000)),
                language: "ja",
            }
        } else {
            let family = *dice.pick(EN_FAMILY);
            let given = *dice.pick(EN_GIVEN);
            Person {
                family: family.into(),
                given: given.into(),
                kana: None,
                email: format!("{}.{}{i}@example.com", given.to_lowercase(), family.to_lowercase()),
                phone: dice.chance(50).then(|| format!("+1415555{:04}", dice.next() % 10_000)),
                language: "en",
            }
        };
        let skills: Vec<&str> = (0..1 + dice.below(3)).map(|_| *dice.pick(SKILLS)).collect();
        let source = if i == 0 { "website" } else { *dice.pick(SOURCES) };
        sqlx::query(
            "INSERT INTO candidates (id, email, family_name, given_name, family_name_kana, given_name_kana, phone, location, \
             skills, language, source_channel, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$12)",
        )
        .bind(&id)
        .bind(&person.email)
        .bind(&person.family)
        .bind(&person.given)
        .bind(person.kana.as_ref().map(|k| k.0.clone()))
        .bind(person.kana.as_ref().map(|k| k.1.clone()))
        .bind(&person.phone)
        .bind(*dice.pick(LOCATIONS))
        .bind(skills.join(","))
        .bind(person.language)
        .bind(source)
        .bind(created)
        .execute(&mut *tx)
        .await?;
        grant(&mut tx, &id, ConsentPurpose::Selection, &policy_ids, created).await?;
        if i == 0 || (i > 2 && dice.chance(40)) {
            grant(&mut tx, &id, ConsentPurpose::TalentPool, &policy_ids, created).await?;
        }
        let applications = if i == 0 {
            2
        } else if source == "info_session" && dice.chance(50) {
            0
        } else {
            1 + dice.below(2)
        };
        for n in 0..applications {
            let (job, stage, outcome) = if i == 0 {
                if n == 0 {
                    (0, Stage::Interview, None)
                } else {
                    (6, Stage::Screening, Some("rejected"))
                }
            } else {
                let stage = *dice.pick(Stage::ALL);
                let outcome = match (stage, dice.below(100)) {
                    (Stage::Hired, _) => None,
                    (_, 0..=39) => Some("rejected"),
                    (_, 40..=44) => Some("withdrawn"),
                    _ => None,
                };
                (dice.below(job_ids.len()), stage, outcome)
            };
            let reason = match outcome {
                Some("rejected") => Some(reason_ids.0[dice.below(reason_ids.0.len())].clone()),
                Some(_) => Some(reason_ids.1[dice.below(reason_ids.1.len())].clone()),
                None => None,
            };
            let applied = created + n as i64 * 30 * DAY;
            seed_application(&mut tx, &id, &job_ids[job], stage, outcome, reason, source, applied).await?;
            summary.applications += 1;
        }
        candidate_ids.push(id);
        summary.candidates += 1;
    }
    seed_events(&mut tx, &candidate_ids, &mut dice, now).await?;
    summary.candidates += seed_relay(&mut tx, &policy_ids, &job_ids, now).await?;
    summary.candidates += seed_duplicates(&mut tx, &policy_ids, now).await?;
    tx.commit().await?;
    for (email, name, agency) in [
        (DEMO_AGENCY_USERS[0], "紹介 一郎", "demo-agency-mirai"),
        (DEMO_AGENCY_USERS[1], "ネクスト 花", "demo-agency-nextlink"),
    ] {
        let parsed = Email::parse(email).map_err(|_| AppError::Internal)?;
        let id = upsert_user(db, &parsed, name, DEMO_PASSWORD, Role::Agency, now).await?;
        sqlx::query("UPDATE users SET agency_id = $1 WHERE id = $2").bind(agency).bind(id).execute(db.pool()).await?;
    }
    Ok(summary)
}

/// One person entered twice (an old application and an info-session sign-up, same phone), to try the merge.
async fn seed_duplicates(
    tx: &mut Tx<'_>,
    policies: &[(ConsentPurpose, String)],
    now: i64,
) -> Result<usize, sqlx::Error> {
    for (email, source, created) in
        [(DEMO_DUPLICATES[0], "website", now - 400 * DAY), (DEMO_DUPLICATES[1], "info_session", now - 10 * DAY)]
    {
        let id = new_id();
        sqlx::query(
            "INSERT INTO candidates (id, email, family_name, given_name, family_name_kana, given_name_kana, phone, \
             birth_date, skills, language, source_channel, created_at, updated_at) \
             VALUES ($1, $2, '伊藤', '健', 'イトウ', 'ケン', '+819055556666', '1994-07-15', 'Go', 'ja', $3, $4, $4)",
        )
        .bind(&id)
        .bind(email)
        .bind(source)
        .bind(created)
        .execute(&mut **tx)
        .await?;
        grant(tx, &id, ConsentPurpose::Selection, policies, created).await?;
    }
    Ok(DEMO_DUPLICATES.len())
}

/// Two partner agencies that receive different items, and two candidates waiting for a decision.
async fn seed_relay(
    tx: &mut Tx<'_>,
    policies: &[(ConsentPurpose, String)],
    jobs: &[String],
    now: i64,
) -> Result<usize, sqlx::Error> {
    for (id, name, address, representative, contact, items) in [
        (
            "demo-agency-mirai",
            "株式会社みらいキャリア",
            "東京都千代田区丸の内1-1-1",
            "代表取締役 未来 太郎",
            "relay@mirai-career.example.com",
            "names,email,skills,desired_roles,resume",
        ),
        (
            "demo-agency-nextlink",
            "ネクストリンク人材紹介株式会社",
            "大阪府大阪市北区梅田2-2-2",
            "代表取締役 次 花子",
            "relay@nextlink.example.com",
            "names,email,phone,application_summary",
        ),
    ] {
        sqlx::query(
            "INSERT INTO agencies (id, name, address, representative, contact_email, allowed_items, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(id)
        .bind(name)
        .bind(address)
        .bind(representative)
        .bind(contact)
        .bind(items)
        .bind(now - 400 * DAY)
        .execute(&mut **tx)
        .await?;
    }
    let people = [
        (
            DEMO_RELAY_CANDIDATES[0],
            "田中",
            "次郎",
            "タナカ",
            "ジロウ",
            "+819011112222",
            "Rust,PostgreSQL,AWS",
            "バックエンドエンジニア",
        ),
        (
            DEMO_RELAY_CANDIDATES[1],
            "佐藤",
            "美咲",
            "サトウ",
            "ミサキ",
            "+819033334444",
            "Figma,UX リサーチ",
            "プロダクトデザイナー",
        ),
    ];
    for (email, family, given, family_kana, given_kana, phone, skills, desired) in people {
        let id = new_id();
        let created = now - 20 * DAY;
        sqlx::query(
            "INSERT INTO candidates (id, email, family_name, given_name, family_name_kana, given_name_kana, phone, location, \
             skills, desired_roles, language, source_channel, created_at, updated_at) \
             VALUES ($1,$2,$3,$4,$5,$6,$7,'東京都',$8,$9,'ja','website',$10,$10)",
        )
        .bind(&id)
        .bind(email)
        .bind(family)
        .bind(given)
        .bind(family_kana)
        .bind(given_kana)
        .bind(phone)
        .bind(skills)
        .bind(desired)
        .bind(created)
        .execute(&mut **tx)
        .await?;
        grant(tx, &id, ConsentPurpose::Selection, policies, created).await?;
        seed_application(tx, &id, &jobs[0], Stage::Screening, None, None, "website", created).await?;
    }
    Ok(people.len())
}

struct Person {
    family: String,
    given: String,
    kana: Option<(String, String)>,
    email: String,
    phone: Option<String>,
    language: &'static str,
}

impl Person {
    fn emma() -> Self {
        Person {
            family: "Wilson".into(),
            given: "Emma".into(),
            kana: None,
            email: DEMO_CANDIDATE_EN.into(),
            phone: None,
            language: "en",
        }
    }

    fn hanako() -> Self {
        Person {
            family: "山田".into(),
            given: "花子".into(),
            kana: Some(("ヤマダ".into(), "ハナコ".into())),
            email: DEMO_CANDIDATE.into(),
            phone: Some("+819012345678".into()),
            language: "ja",
        }
    }
}

/// The current version of each purpose's policy (published by the migrations).
async fn seed_policies(tx: &mut Tx<'_>) -> Result<Vec<(ConsentPurpose, String)>, sqlx::Error> {
    let mut ids = Vec::new();
    for purpose in ConsentPurpose::ALL {
        let id: String =
            sqlx::query_scalar("SELECT id FROM policy_versions WHERE purpose = $1 ORDER BY version DESC LIMIT 1")
                .bind(purpose.as_str())
                .fetch_one(&mut **tx)
                .await?;
        ids.push((*purpose, id));
    }
    Ok(ids)
}

async fn grant(
    tx: &mut Tx<'_>,
    candidate_id: &str,
    purpose: ConsentPurpose,
    policies: &[(ConsentPurpose, String)],
    at: i64,
) -> Result<(), sqlx::Error> {
    let policy = policies.iter().find(|(p, _)| *p == purpose).map(|(_, id)| id.as_str()).unwrap_or_default();
    sqlx::query(
        "INSERT INTO consent_records (id, candidate_id, purpose, policy_version_id, action, channel, actor_kind, at) \
         VALUES ($1,$2,$3,$4,'granted','import','system',$5)",
    )
    .bind(new_id())
    .bind(candidate_id)
    .bind(purpose.as_str())
    .bind(policy)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn seed_jobs(tx: &mut Tx<'_>, now: i64) -> Result<Vec<String>, sqlx::Error> {
    let mut ids = Vec::new();
    for job in JOBS {
        let id = new_id();
        sqlx::query(
            "INSERT INTO jobs (id, title_ja, title_en, department, location, employment_type, status, description_ja, \
             description_en, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,'full_time',$6,$7,$8,$9,$9)",
        )
        .bind(&id)
        .bind(job.title_ja)
        .bind(job.title_en)
        .bind(job.department)
        .bind(job.location)
        .bind(if job.open { "open" } else { "closed" })
        .bind(format!("{}の募集です。", job.title_ja))
        .bind(format!("We are hiring a {}.", job.title_en))
        .bind(now - 600 * DAY)
        .execute(&mut **tx)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// The managed reasons the migrations provide, company-side and candidate-side.
async fn seed_reasons(tx: &mut Tx<'_>) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
    let mut out = Vec::new();
    for side in ["company", "candidate"] {
        let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM decline_reasons WHERE side = $1 ORDER BY id")
            .bind(side)
            .fetch_all(&mut **tx)
            .await?;
        out.push(ids);
    }
    let candidate = out.pop().unwrap_or_default();
    Ok((out.pop().unwrap_or_default(), candidate))
}

#[allow(clippy::too_many_arguments)]
async fn seed_application(
    tx: &mut Tx<'_>,
    candidate_id: &str,
    job_id: &str,
    stage: Stage,
    outcome: Option<&str>,
    reason: Option<String>,
    source: &str,
    applied: i64,
) -> Result<(), sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO applications (id, candidate_id, job_id, stage, outcome, decline_reason_id, source_channel, created_at, \
         updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8)",
    )
    .bind(&id)
    .bind(candidate_id)
    .bind(job_id)
    .bind(stage.as_str())
    .bind(outcome)
    .bind(reason)
    .bind(source)
    .bind(applied)
    .execute(&mut **tx)
    .await?;
    let reached = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    let mut from: Option<&str> = None;
    for (step, to) in Stage::ALL[..=reached].iter().enumerate() {
        let last = step == reached;
        sqlx::query(
            "INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, at) VALUES ($1,$2,$3,$4,$5,$6)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(from)
        .bind(to.as_str())
        .bind(if last { outcome } else { None })
        .bind(applied + step as i64 * 7 * DAY)
        .execute(&mut **tx)
        .await?;
        from = Some(to.as_str());
    }
    Ok(())
}

async fn seed_events(tx: &mut Tx<'_>, candidates: &[String], dice: &mut Dice, now: i64) -> Result<(), sqlx::Error> {
    for (title, days_ago, place) in
        [("会社説明会（エンジニア向け）", 45, "東京本社 / オンライン"), ("オープン社内見学会", 10, "大阪オフィス")]
    {
        let id = new_id();
        let starts = now - days_ago * DAY;
        sqlx::query("INSERT INTO events (id, title, starts_at, location, created_at) VALUES ($1,$2,$3,$4,$5)")
            .bind(&id)
            .bind(title)
            .bind(starts)
            .bind(place)
            .bind(starts - 30 * DAY)
            .execute(&mut **tx)
            .await?;
        let mut chosen = std::collections::BTreeSet::new();
        for _ in 0..(candidates.len() / 6).max(1) {
            chosen.insert(dice.below(candidates.len()));
        }
        for index in chosen {
            sqlx::query(
                "INSERT INTO event_attendees (event_id, candidate_id, registered_at, attended_at) VALUES ($1,$2,$3,$4)",
            )
            .bind(&id)
            .bind(&candidates[index])
            .bind(starts - 7 * DAY)
            .bind(dice.chance(80).then_some(starts))
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
