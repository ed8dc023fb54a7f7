import { expect, Page, test } from "@playwright/test";
import { expectAccessible, signInAsRecruiter } from "./helpers";

/** A person no other spec knows, and a segment that holds only them. */
async function personAndSegment(page: Page, tag: string) {
  await page.goto("/admin/candidates/new");
  await page.getByLabel("メールアドレス").fill(`campaign-${tag}@example.com`);
  await page.getByLabel("姓", { exact: true }).fill("案内");
  await page.getByLabel("名", { exact: true }).fill(tag);
  await page.getByLabel("所在地").fill(`キャンペーン町${tag}`);
  await page.getByRole("button", { name: "候補者を追加" }).click();
  await expect(page.getByRole("heading", { name: `案内 ${tag}` })).toBeVisible();
  await page.goto("/admin/segments");
  const create = page.getByRole("region", { name: "新しいセグメント" });
  await create.getByLabel("名前（日本語）").fill(`案内先 ${tag}`);
  await create.getByLabel("名前（英語）").fill(`Invitees ${tag}`);
  await create.getByRole("button", { name: "作成する" }).click();
  await page.getByLabel("行 2: 項目").selectOption("location");
  await page.getByRole("button", { name: "保存して数える" }).first().click();
  await page.getByLabel("行 2: 含む文字").fill(`キャンペーン町${tag}`);
  await page.getByRole("button", { name: "保存して数える" }).first().click();
  await expect(page.getByRole("region", { name: "いま該当する候補者" }).locator(".segment-count")).toHaveText("1");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`campaigns (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });
    // letters only: names refuse digits
    const tag = `${javaScriptEnabled ? "js" : "nojs"}${Date.now().toString(36).replace(/[^a-z]/g, "x")}`;

    test("a sequence of two steps, confirmed with its count, reports what the worker did", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await personAndSegment(page, tag);
      await page.goto("/admin/campaigns");
      await expect(page.getByRole("heading", { name: "キャンペーン", level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      const create = page.getByRole("region", { name: "新しいキャンペーン" });
      await create.getByLabel("キャンペーン名").fill(`再会の案内 ${tag}`);
      await create.getByLabel("シーケンス（複数のステップ）").check();
      await create.getByLabel("送り先のセグメント").selectOption({ label: `案内先 ${tag}` });
      await create.getByRole("button", { name: "作成する" }).click();
      await expect(page.getByRole("heading", { name: `再会の案内 ${tag}`, level: 1 })).toBeVisible();

      // a second step, first with a mistake that loses nothing typed
      await page.getByRole("button", { name: "ステップを追加する" }).click();
      const second = page.getByRole("article", { name: "ステップ 2" });
      await second.getByLabel("待つ期間").fill("-1");
      await second.getByLabel("件名（日本語）").fill(`二通目 ${tag}`);
      await second.getByRole("button", { name: "このステップを保存する" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expect(page.getByRole("article", { name: "ステップ 2" }).getByLabel("件名（日本語）")).toHaveValue(`二通目 ${tag}`);
      await page.getByRole("article", { name: "ステップ 2" }).getByLabel("待つ期間").fill("14");
      await page.getByRole("article", { name: "ステップ 2" }).getByRole("button", { name: "このステップを保存する" }).click();
      await expect(page.getByRole("status")).toContainText("保存しました。");
      await expectAccessible(page, javaScriptEnabled);

      // nothing is scheduled before the count is seen
      await page.getByRole("button", { name: "送信人数を確認する" }).click();
      const confirm = page.getByRole("region", { name: "この内容で予約しますか" });
      await expect(confirm.locator(".confirm-in-segment")).toHaveText("1");
      await expect(confirm.locator(".confirm-may-mail")).toHaveText("0");
      await expect(page.getByText("下書き", { exact: true })).toBeVisible();
      await confirm.getByRole("button", { name: "予約する" }).click();
      await expect(page.getByRole("status")).toContainText("予約しました。");

      // the worker runs within a second: the person added by hand never agreed to job news, so is not mailed
      await expect(async () => {
        await page.reload();
        await expect(page.locator(".report-enrolled")).toHaveText("1", { timeout: 1_000 });
        await expect(page.getByRole("table").getByText("同意なし 1")).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.getByText("完了", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "このステップを保存する" })).toHaveCount(0);
      await expectAccessible(page, javaScriptEnabled);
    });
  });
}

test("campaigns in English: a nameless campaign is refused, what was chosen kept", async ({ page }) => {
  await signInAsRecruiter(page);
  await page.goto("/admin/campaigns");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Campaigns", level: 1 })).toBeVisible();
  const create = page.getByRole("region", { name: "New campaign" });
  await create.getByLabel("Sequence (several steps)").check();
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(page.getByLabel("Sequence (several steps)")).toBeChecked();
  await page.getByLabel("Campaign name").fill("Autumn hello");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "Autumn hello", level: 1 })).toBeVisible();
  await expect(page.getByRole("article", { name: "Step 1" }).getByLabel("Subject (English)")).toHaveValue("News for you, {{name}}");
  await page.getByRole("button", { name: "Send a test to myself" }).click();
  await expect(page.getByRole("status")).toContainText("A test was sent to your own address.");
  await expectAccessible(page);
});
