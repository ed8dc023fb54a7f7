import { expect, test } from "@playwright/test";
import { CANDIDATE, expectAccessible, expireLink, latestLinkFor } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`candidate magic link (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("signs in by the link in the mail, once", async ({ page, browser }) => {
      const started = Date.now() - 1000;
      await page.goto("/portal/sign-in");
      await expectAccessible(page, javaScriptEnabled);
      await page.getByLabel("メールアドレス").fill(CANDIDATE);
      await page.getByRole("button", { name: "ログインリンクを送る" }).click();
      await expect(page.getByRole("heading", { name: "メールをご確認ください" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      const link = await latestLinkFor(CANDIDATE, started);
      await page.goto(link);
      await expect(page.getByRole("heading", { name: "ログインの確認" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("button", { name: "ログインする" }).click();
      await expect(page.getByRole("heading", { name: "マイページ" })).toBeVisible();
      await expect(page.getByText("山田 花子さん、こんにちは。")).toBeVisible();
      await expect(page.getByRole("heading", { name: "応募状況" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      // the same link in another browser is refused with a page that offers a new one
      const other = await browser.newContext({ javaScriptEnabled });
      const otherPage = await other.newPage();
      await otherPage.goto(link);
      await expect(otherPage.getByRole("heading", { name: "このリンクは使用済みです" })).toBeVisible();
      await expect(otherPage.getByRole("link", { name: "新しいリンクを受け取る" })).toBeVisible();
      await other.close();

      await page.getByRole("button", { name: "ログアウト" }).click();
      await expect(page.getByRole("heading", { name: "マイページにログイン" })).toBeVisible();
      await page.goto("/portal");
      await expect(page.getByRole("heading", { name: "マイページにログイン" })).toBeVisible();
    });

    test("unknown addresses get the same answer, bad ones a clear error", async ({ page }) => {
      await page.goto("/portal/sign-in");
      await page.getByLabel("メールアドレス").fill("nobody-here@example.com");
      await page.getByRole("button", { name: "ログインリンクを送る" }).click();
      await expect(page.getByRole("heading", { name: "メールをご確認ください" })).toBeVisible();

      await page.goto("/portal/sign-in");
      await page.getByLabel("メールアドレス").fill("hanako@@example");
      await page.getByRole("button", { name: "ログインリンクを送る" }).click();
      await expect(page.getByRole("alert")).toContainText("メールアドレスの形式が正しくありません");
      await expect(page.getByLabel("メールアドレス")).toHaveValue("hanako@@example");
      await expectAccessible(page, javaScriptEnabled);
    });

    test("an expired link is refused and offers a new one", async ({ page }) => {
      const started = Date.now() - 1000;
      await page.goto("/portal/sign-in");
      await page.getByLabel("メールアドレス").fill(CANDIDATE);
      await page.getByRole("button", { name: "ログインリンクを送る" }).click();
      await expect(page.getByRole("heading", { name: "メールをご確認ください" })).toBeVisible();
      const link = await latestLinkFor(CANDIDATE, started);
      expireLink(link);
      await page.goto(link);
      await expect(page.getByRole("heading", { name: "このリンクは有効期限が切れています" })).toBeVisible();
      await page.getByRole("link", { name: "新しいリンクを受け取る" }).click();
      await expect(page.getByRole("heading", { name: "マイページにログイン" })).toBeVisible();
    });

    test("a forged link is refused", async ({ page }) => {
      await page.goto(`/portal/sign-in/link/${"ab".repeat(32)}`);
      await expect(page.getByRole("heading", { name: "このリンクは無効です" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
    });
  });
}
