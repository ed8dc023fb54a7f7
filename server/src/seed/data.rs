//! The demo company's names, places, skills and jobs.
pub(super) const JA_FAMILY: &[(&str, &str, &str)] = &[
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
pub(super) const JA_GIVEN: &[(&str, &str, &str)] = &[
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
pub(super) const EN_FAMILY: &[&str] =
    &["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Martin", "Clarke", "Walker", "Young", "King"];
pub(super) const EN_GIVEN: &[&str] =
    &["Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas", "Mia", "Ethan", "Grace", "Owen"];
pub(super) const LOCATIONS: &[&str] =
    &["東京都", "大阪府", "神奈川県", "愛知県", "福岡県", "北海道", "京都府", "Remote"];
pub(super) const SKILLS: &[&str] =
    &["Rust", "TypeScript", "Go", "Python", "SQL", "AWS", "Figma", "営業", "経理", "採用", "Kubernetes", "React"];
pub(super) const SOURCES: &[&str] = &["website", "job_board", "referral", "info_session", "agency", "sourcing"];

pub(super) struct Job {
    pub(super) title_ja: &'static str,
    pub(super) title_en: &'static str,
    pub(super) department: &'static str,
    pub(super) location: &'static str,
    pub(super) open: bool,
}

pub(super) const JOBS: &[Job] = &[
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
