import { expect, test } from "@playwright/test";
import * as path from "path";
import { expectAccessible, signInAsRecruiter } from "./helpers";

const NAME = "山田 花子";
const JOB = "バックエンドエンジニア（Rust）";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`recruiter workspace (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });
    const tag = javaScriptEnabled ? "要フォロー" : "来春再打診";

    test("search and filter, tag a selection, then find the tag", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.getByRole("link", { name: "候補者", exact: true }).click();
      const filters = page.getByRole("search", { name: "絞り込み" });
      await filters.getByLabel("氏名・フリガナ・メールアドレス").fill("やまだ はなこ");
      await filters.getByLabel("求人").selectOption({ label: JOB });
      await filters.getByRole("button", { name: "検索" }).click();
      await expect(page.getByRole("link", { name: NAME })).toBeVisible();
      await expect(filters.getByLabel("氏名・フリガナ・メールアドレス")).toHaveValue("やまだ はなこ");
      await expectAccessible(page, javaScriptEnabled);

      await page.getByRole("checkbox", { name: `選択: ${NAME}` }).check();
      await page.getByRole("group", { name: "選択した候補者に" }).getByLabel("タグ").fill(tag);
      await page.getByRole("button", { name: "タグを付ける" }).click();
      await expect(page.getByRole("status")).toContainText("タグを付けた候補者: 1");

      await page.goto("/admin/candidates");
      await filters.getByLabel("タグ").selectOption({ label: tag });
      await filters.getByRole("button", { name: "検索" }).click();
      await expect(page.getByRole("link", { name: NAME })).toBeVisible();
      await expect(page.getByRole("row")).toHaveCount(2); // the header and her
      await expect(page.getByRole("cell", { name: tag })).toBeVisible();
    });

    test("correct a profile with field-level errors, nothing typed lost", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.goto("/admin/candidates?q=hanako.yamada");
      await page.getByRole("link", { name: NAME }).click();
      await expect(page.getByRole("heading", { name: NAME, level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      const location = javaScriptEnabled ? "大阪府大阪市" : "福岡県福岡市";
      await page.getByLabel("所在地").fill(location);
      await page.getByLabel("電話番号").fill("090-12");
      await page.getByRole("button", { name: "保存する" }).click();
      await expect(page.getByLabel("電話番号")).toHaveAttribute("aria-invalid", "true");
      await expect(page.locator(".field-error")).toHaveText("電話番号の形式が正しくありません。");
      await expect(page.getByLabel("所在地")).toHaveValue(location);
      await page.getByLabel("電話番号").fill("０９０ー１２３４ー５６７８");
      await page.getByRole("button", { name: "保存する" }).click();
      await expect(page.getByRole("status")).toContainText("プロフィールを保存しました。");
      await expect(page.getByLabel("電話番号")).toHaveValue("+819012345678");
      await expect(page.getByLabel("所在地")).toHaveValue(location);
      await expect(page.getByRole("region", { name: "操作の記録" })).toContainText("profile_changed");
    });

    test("schedule an interview: the candidate is told, with a reminder the day before", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.goto("/admin/candidates?q=hanako.yamada");
      await page.getByRole("link", { name: NAME }).click();
      const interviews = page.getByRole("region", { name: "面接" });
      const schedule = interviews.locator("form").filter({ has: page.getByRole("button", { name: "設定して案内を送る" }) });
      const day = new Date(Date.now() + (javaScriptEnabled ? 3 : 4) * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
      await schedule.getByLabel("求人").selectOption({ label: JOB });
      await schedule.getByLabel("日付").fill(day);
      await schedule.getByLabel("開始時刻").fill("10:30");
      await schedule.getByLabel("オンライン会議のURL").fill("ftp://example.com/room");
      await schedule.getByRole("button", { name: "設定して案内を送る" }).click();
      await expect(page.getByRole("alert")).toContainText("https:// で始まるURL");
      await expect(schedule.getByLabel("日付")).toHaveValue(day);
      await schedule.getByLabel("オンライン会議のURL").fill("https://meet.example.com/kizuna");
      await schedule.getByRole("button", { name: "設定して案内を送る" }).click();
      await expect(page.getByRole("status")).toContainText("面接を設定し");
      await expect(interviews.getByText(`${day} 10:30 – 11:30`)).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
    });

    test("move an application on the job's pipeline board", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.goto("/admin/jobs");
      await page.getByRole("link", { name: JOB }).click();
      await expect(page.getByRole("heading", { name: JOB, level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      const [to, column] = javaScriptEnabled ? ["内定", /^内定/] : ["入社", /^入社/];
      const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: NAME }) });
      await card.getByLabel(`選考段階を移す: ${NAME}`).selectOption({ label: to });
      await card.getByRole("button", { name: "移動" }).click();
      await expect(page.getByRole("status")).toContainText("選考段階を移しました。");
      await expect(page.getByRole("region", { name: column }).getByRole("link", { name: NAME })).toBeVisible();

      // the move is in the candidate's stage history, with its author
      await page.getByRole("region", { name: column }).getByRole("link", { name: NAME }).click();
      await page.getByText(`選考の履歴 (${JOB})`).click();
      await expect(page.getByText(new RegExp(`→ ${to} · 採用 太郎`))).toBeVisible();
    });
  });
}

test("a duplicate is flagged on the candidate page and merged after comparing", async ({ page }) => {
  await signInAsRecruiter(page, "recruiter@example.com");
  await page.goto("/admin/candidates?q=ken.ito%40example.com");
  await page.getByRole("link", { name: "伊藤 健" }).click();
  const duplicates = page.getByRole("region", { name: "同一人物の可能性がある記録" });
  await expect(duplicates).toContainText("ken.ito.2@example.com");
  await duplicates.getByRole("link", { name: "比べて統合する" }).click();
  await expect(page.getByRole("heading", { name: "記録の統合" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "統合する" }).click();
  // the browser asks for the confirmation first; tick it
  await page.getByLabel("内容を確認し、統合してよいことを確認しました").check();
  await page.getByRole("button", { name: "統合する" }).click();
  await expect(page.getByRole("status")).toContainText("記録を統合しました。");
  await expect(page.getByRole("region", { name: "同一人物の可能性がある記録" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "メモ" })).toContainText("ken.ito.2@example.com");
});

test("import a Shift_JIS file: map, check, import; the bad row is named; twice adds nothing", async ({ page }) => {
  await signInAsRecruiter(page, "recruiter@example.com");
  const upload = async () => {
    await page.goto("/admin/import");
    await page.getByLabel("CSVファイル").setInputFiles(path.join(__dirname, "..", "fixtures", "applicants-sjis.csv"));
    await page.getByLabel("全員に付けるタグ（カンマ区切り・任意）").fill("説明会2026");
    await page.getByRole("button", { name: "アップロードして列を対応づける" }).click();
    await expect(page.getByText("Shift_JIS")).toBeVisible();
  };
  await upload();
  await expectAccessible(page);
  await expect(page.getByLabel("メールアドレス")).toHaveValue("email");
  await expect(page.getByRole("cell", { name: "小林 真央" })).toBeVisible();
  await page.getByRole("button", { name: "確認する（取り込まない）" }).click();
  const report = page.getByRole("status", { name: "確認の結果（まだ取り込んでいません）" });
  await expect(report.getByRole("row", { name: /^3 / })).toContainText("メールアドレスの形式が正しくありません。");
  // the worker imports it in the background; the page refreshes itself until the result is there
  await page.getByRole("button", { name: "取り込む", exact: true }).click();
  const done = page.getByRole("status", { name: "取り込みの結果" });
  const added = done.locator(".stat").filter({ hasText: "追加した候補者" }).locator("dd");
  await expect(added).toHaveText("2", { timeout: 15_000 });

  await upload();
  await page.getByRole("button", { name: "取り込む", exact: true }).click();
  await expect(added).toHaveText("0", { timeout: 15_000 });
  await expect(done.locator(".stat").filter({ hasText: "登録済み" }).locator("dd")).toHaveText("2");

  await page.goto("/admin/candidates?q=mao.kobayashi");
  await expect(page.getByRole("link", { name: "小林 真央" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "説明会2026" })).toBeVisible();
});
