import { expect, test } from "@playwright/test";
import { CANDIDATE, expectAccessible, signInAsCandidate, signInAsRecruiter } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`policy versions (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("an admin publishes a new version; a candidate who agreed before is asked again", async ({ page, browser }) => {
      const adminContext = await browser.newContext({ javaScriptEnabled });
      const admin = await adminContext.newPage();
      await signInAsRecruiter(admin);
      await admin.getByRole("link", { name: "同意文書" }).click();
      await expect(admin.getByRole("heading", { name: "同意文書の管理" })).toBeVisible();
      const pool = admin.getByRole("region", { name: "人材データベースへの登録" });
      await pool.getByText("新しい版を公開").click();
      await pool.getByLabel("本文（日本語）").fill(`保管期間を見直しました（${javaScriptEnabled ? "JS" : "HTML"}）。`);
      await pool.getByLabel("本文（英語）").fill("We revised how long we keep your data.");
      await pool.getByRole("button", { name: "公開する" }).click();
      await expect(admin.getByRole("status")).toHaveText("新しい版を公開しました。");
      await expectAccessible(admin, javaScriptEnabled);
      await adminContext.close();

      await signInAsCandidate(page, CANDIDATE);
      await expect(page.getByRole("status")).toContainText("同意文書が更新されました");
      await page.getByRole("link", { name: "同意の管理を開く" }).click();
      const card = page.getByRole("region", { name: "人材データベースへの登録" });
      await expect(card.getByText("保管期間を見直しました")).toBeVisible();
      await card.getByRole("button", { name: "新しい版に同意する" }).click();
      await expect(page.getByRole("status")).toHaveText("同意を記録しました。");
      await page.getByRole("link", { name: "応募状況" }).click();
      await expect(page.getByText("同意文書が更新されました")).toHaveCount(0);
    });
  });
}
