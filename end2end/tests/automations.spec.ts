import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsRecruiter } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`automations (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });
    // letters only: names refuse digits
    const tag = `${javaScriptEnabled ? "js" : "nojs"}${Date.now().toString(36).replace(/[^a-z]/g, "x")}`;
    const role = `自動化テスト職${tag}`;

    test("switch on 'job opened', open a matching job, and see the run in its history", async ({ page }) => {
      await signInAsRecruiter(page);
      // a person who wants exactly this role, and a segment that holds only them
      await page.goto("/admin/candidates/new");
      await page.getByLabel("メールアドレス").fill(`auto-${tag}@example.com`);
      await page.getByLabel("姓", { exact: true }).fill("自動");
      await page.getByLabel("名", { exact: true }).fill(tag);
      await page.getByLabel("所在地").fill(`自動化町${tag}`);
      await page.getByLabel("希望職種").fill(role);
      await page.getByRole("button", { name: "候補者を追加" }).click();
      await expect(page.getByRole("heading", { name: `自動 ${tag}` })).toBeVisible();
      await page.goto("/admin/segments");
      const create = page.getByRole("region", { name: "新しいセグメント" });
      await create.getByLabel("名前（日本語）").fill(`自動化 ${tag}`);
      await create.getByLabel("名前（英語）").fill(`Automation ${tag}`);
      await create.getByRole("button", { name: "作成する" }).click();
      await page.getByLabel("行 2: 項目").selectOption("location");
      await page.getByRole("button", { name: "保存して数える" }).first().click();
      await page.getByLabel("行 2: 含む文字").fill(`自動化町${tag}`);
      await page.getByRole("button", { name: "保存して数える" }).first().click();

      await page.goto("/admin/automations");
      await expect(page.getByRole("heading", { name: "自動化", level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      const card = page.getByRole("region", { name: /求人の公開 → 過去の候補者を招待/ });
      await card.getByLabel("条件（セグメント）").selectOption({ label: `自動化 ${tag}` });
      await card.getByRole("button", { name: "求人の公開 → 過去の候補者を招待: 設定を保存する" }).click();
      await expect(page.getByRole("status")).toContainText("保存しました。");
      // from off (a run that stopped half-way may have left it on)
      const off = page.getByRole("button", { name: "求人の公開 → 過去の候補者を招待: 無効にする" });
      if ((await off.count()) > 0) {
        await off.click();
        await expect(page.getByRole("status")).toContainText("無効にしました。");
      }
      await page.getByRole("button", { name: "求人の公開 → 過去の候補者を招待: 有効にする" }).click();
      await expect(page.getByRole("status")).toContainText("有効にしました。");
      await expect(page.getByRole("region", { name: /求人の公開/ }).locator(".badge")).toHaveText("有効");

      await page.goto("/admin/jobs/new");
      await page.getByLabel("職種名（日本語）").fill(role);
      await page.getByLabel("職種名（英語）").fill(`Automation role ${tag}`);
      await page.getByLabel("部署").fill(`自動化部${tag}`);
      await page.getByLabel("勤務地").fill("東京都");
      await page.getByLabel("募集中").check();
      await page.getByRole("button", { name: "保存", exact: true }).click();

      // a worker pass looks at what happened up to ten seconds ago, so within seconds after that: the person was
      // added by hand and never agreed to job news, so the run records them as not sent
      await expect(async () => {
        await page.goto("/admin/automations");
        const history = page.getByRole("region", { name: /求人の公開/ }).getByRole("table");
        await expect(history.getByRole("row", { name: new RegExp(`自動 ${tag}`) })).toContainText("no_consent", {
          timeout: 1_000,
        });
      }).toPass({ timeout: 40_000 });
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("button", { name: "求人の公開 → 過去の候補者を招待: 無効にする" }).click();
      await expect(page.getByRole("status")).toContainText("無効にしました。");
    });
  });
}

test("automations in English: a bad delay is refused and kept", async ({ page }) => {
  await signInAsRecruiter(page);
  await page.goto("/admin/automations");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Automations", level: 1 })).toBeVisible();
  const card = page.getByRole("region", { name: /Result recorded → result mail/ });
  await card.getByLabel("Wait (hours)").fill("a day");
  await card.getByRole("button", { name: "Result recorded → result mail: Save settings" }).click();
  await expect(page.getByText("Enter whole hours from 0 to 720.").first()).toBeVisible();
  await expect(page.getByRole("region", { name: /Result recorded → result mail/ }).getByLabel("Wait (hours)")).toHaveValue("a day");
  await expectAccessible(page);
});
