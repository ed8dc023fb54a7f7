import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsRecruiter, VIEWER } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`segments (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });
    const suffix = javaScriptEnabled ? "js" : "nojs";

    test("the presets count who is in them now", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.goto("/admin/segments");
      await expect(page.getByRole("heading", { name: "セグメント", level: 1 })).toBeVisible();
      for (const name of ["すぐ採用可能", "半年後に再検討", "将来の関心者"]) {
        await expect(page.getByRole("link", { name })).toBeVisible();
      }
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("link", { name: "半年後に再検討" }).click();
      const count = page.getByRole("region", { name: "いま該当する候補者" });
      await expect(count.locator(".segment-count")).toHaveText(/^\d+$/);
      await expect(page.getByLabel("行 2: 項目")).toHaveValue("consent");
      await expect(page.getByLabel("行 3: 項目")).toHaveValue("rejected_days_ago");
      await expectAccessible(page, javaScriptEnabled);
    });

    test("build a segment with plain posts: change a row, fix its error, add and remove rows", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.goto("/admin/segments");
      const create = page.getByRole("region", { name: "新しいセグメント" });
      await create.getByLabel("名前（日本語）").fill(`東京の人 ${suffix}`);
      await create.getByLabel("名前（英語）").fill(`People in Tokyo ${suffix}`);
      await create.getByRole("button", { name: "作成する" }).click();
      await expect(page.getByRole("heading", { name: `東京の人 ${suffix}`, level: 1 })).toBeVisible();
      await expect(page.getByLabel("行 2: 項目")).toHaveValue("consent");

      // the row now looks at the location: its own input appears, empty, and the rule is not saved until filled
      await page.getByLabel("行 2: 項目").selectOption("location");
      await page.getByRole("button", { name: "保存して数える" }).first().click();
      await expect(page.getByRole("alert").filter({ hasText: "行 2: 入力してください。" })).toBeVisible();
      await expect(page.getByLabel("名前（日本語）")).toHaveValue(`東京の人 ${suffix}`);
      await page.getByLabel("行 2: 含む文字").fill("東京");
      await page.getByRole("button", { name: "保存して数える" }).first().click();
      await expect(page.getByRole("status")).toContainText("保存しました。");
      const count = page.getByRole("region", { name: "いま該当する候補者" });
      await expect(count.locator(".segment-count")).not.toHaveText("0");
      await expect(count.getByRole("link").first()).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      // a group of its own, then taken away again
      await page.getByRole("button", { name: "行 1: グループを追加" }).click();
      await expect(page.getByLabel("行 3: 条件", { exact: true })).toHaveValue("all");
      await expect(page.getByLabel("行 4: 項目", { exact: true })).toHaveValue("consent");
      await page.getByRole("button", { name: "行 3: 削除" }).click();
      await expect(page.getByLabel("行 3: 項目", { exact: true })).toHaveCount(0);
      await expect(page.getByLabel("行 2: 含む文字")).toHaveValue("東京");
    });
  });
}

test("viewers see a segment's members but cannot change it", async ({ page }) => {
  await signInAsRecruiter(page, VIEWER);
  await page.goto("/admin/segments");
  await page.getByRole("link", { name: "将来の関心者" }).click();
  await expect(page.getByText("閲覧のみの権限では条件を変更できません。")).toBeVisible();
  await expect(page.getByRole("button", { name: "保存して数える" })).toHaveCount(0);
  await expect(page.getByLabel("行 2: 項目")).toBeDisabled();
});

test("segments in English: a missing name and an impossible day range are refused, what was typed kept", async ({ page }) => {
  await signInAsRecruiter(page);
  await page.goto("/admin/segments");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Segments", level: 1 })).toBeVisible();
  const create = page.getByRole("region", { name: "New segment" });
  await create.getByLabel("Name (Japanese)").fill("英語で作る");
  await create.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(page.getByLabel("Name (Japanese)")).toHaveValue("英語で作る");
  await page.getByLabel("Name (English)").fill("Made in English");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "Made in English", level: 1 })).toBeVisible();

  await page.getByLabel("Row 2: Looks at", { exact: true }).selectOption("rejected_days_ago");
  await page.getByRole("button", { name: "Save and count" }).first().click();
  await page.getByLabel("Row 2: At least this many days ago (0 is today)").fill("30");
  await page.getByLabel("Row 2: At most this many days ago (empty: no limit)").fill("10");
  await page.getByRole("button", { name: "Save and count" }).first().click();
  await expect(page.getByRole("alert").filter({ hasText: "Row 2: Days are whole numbers" })).toBeVisible();
  await expect(page.getByLabel("Row 2: At most this many days ago (empty: no limit)")).toHaveValue("10");
  await expectAccessible(page);
  await page.getByLabel("Row 2: At most this many days ago (empty: no limit)").fill("300");
  await page.getByRole("button", { name: "Save and count" }).first().click();
  await expect(page.getByRole("status")).toContainText("Saved.");
  await expect(page.getByRole("region", { name: "Candidates matching now" }).locator(".segment-count")).toHaveText(/^\d+$/);
  await page.getByRole("button", { name: "Delete this segment" }).click();
  await expect(page.getByRole("status")).toContainText("The segment was deleted.");
});
