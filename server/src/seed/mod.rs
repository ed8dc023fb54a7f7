//! `kizuna seed-demo`: a believable company with jobs, candidates in every stage, rejections and events. Part of
//! the binary, not the shared crate: nothing but the CLI, the demo start and the benchmarks seeds.
use app::backend::auth::upsert_user;
use app::backend::core::db::{new_id, Db, Tx};
use app::domain::{AppError, ConsentPurpose, Email, Role, Stage};
use data::*;
use relay::{seed_duplicates, seed_relay};

mod data;
mod relay;
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
        // most who came to an info session without applying asked for news of jobs (no die: the rest of the demo
        // stays as it was)
        if applications == 0 && i % 10 < 7 {
            grant(&mut tx, &id, ConsentPurpose::JobNews, &policy_ids, created).await?;
        }
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
    app::backend::core::facts::refresh_all(&mut tx).await?;
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
    .bind(reason.as_deref())
    .bind(source)
    .bind(applied)
    .execute(&mut **tx)
    .await?;
    let reached = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    let mut from: Option<&str> = None;
    for (step, to) in Stage::ALL[..=reached].iter().enumerate() {
        let last = step == reached;
        sqlx::query(
            "INSERT INTO stage_transitions (id, application_id, from_stage, to_stage, outcome, at, job_id, source_channel, \
             reason_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
        )
        .bind(new_id())
        .bind(&id)
        .bind(from)
        .bind(to.as_str())
        .bind(if last { outcome } else { None })
        .bind(applied + step as i64 * 7 * DAY)
        .bind(job_id)
        .bind(source)
        .bind(if last && outcome.is_some() { reason.as_deref() } else { None })
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
