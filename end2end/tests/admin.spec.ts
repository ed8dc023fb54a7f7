import { expect, test } from "@playwright/test";
import { ADMIN, expectAccessible, signInAsRecruiter, VIEWER } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`recruiter area (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("a wrong password is refused and what was typed is kept", async ({ page }) => {
      await page.goto("/admin/sign-in");
      await page.getByLabel("メールアドレス").fill(ADMIN);
      await page.getByLabel("パスワード", { exact: true }).fill("not-the-password");
      await page.getByRole("button", { name: "ログイン", exact: true }).click();
      await expect(page.getByRole("alert")).toContainText("メールアドレスまたはパスワードが正しくありません");
      await expect(page.getByLabel("メールアドレス")).toHaveValue(ADMIN);
      await expectAccessible(page, javaScriptEnabled);
    });

    test("an admin reads the mailbox, switches language and signs out", async ({ page }) => {
      await signInAsRecruiter(page);
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("link", { name: "送信メール" }).click();
      await expect(page.getByRole("heading", { name: "送信メール" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("heading", { name: "Mailbox" })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await page.getByRole("button", { name: "日本語" }).click();
      await expect(page.getByRole("heading", { name: "送信メール" })).toBeVisible();

      await page.getByRole("button", { name: "ログアウト" }).click();
      await expect(page.getByRole("heading", { name: "採用担当者ログイン" })).toBeVisible();
      await page.goto("/admin");
      await expect(page.getByRole("heading", { name: "採用担当者ログイン" })).toBeVisible();
    });

    test("a viewer may not open the mailbox", async ({ page }) => {
      await signInAsRecruiter(page, VIEWER);
      await page.goto("/admin/mailbox");
      await expect(page.getByRole("alert")).toContainText("この操作を行う権限がありません");
    });
  });
}

test("home and 404 pages are accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "ページが見つかりません" })).toBeVisible();
  await expectAccessible(page);
});
