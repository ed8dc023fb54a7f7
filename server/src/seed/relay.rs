//! The demo's career relay and duplicates: people waiting for a referral decision, one person entered twice.
use super::*;

pub(super) async fn seed_duplicates(
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
pub(super) async fn seed_relay(
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
