import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsCandidate } from "./helpers";

const TARO = "taro.suzuki@example.com";

async function signInAsTaro(page: import("@playwright/test").Page) {
  await signInAsCandidate(page, TARO);
  await page.getByRole("link", { name: "私のデータ" }).click();
  await expect(page.getByRole("heading", { name: "私のデータ", level: 1 })).toBeVisible();
}

test.describe("my data (JavaScript on)", () => {
  test("shows what is held and downloads it as JSON", async ({ page }) => {
    await signInAsTaro(page);
    await expect(page.getByRole("region", { name: "プロフィール" }).getByText("鈴木 太郎", { exact: true })).toBeVisible();
    await expect(page.getByText("あなたのデータを第三者に提供したことはありません。")).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "すべてのデータをダウンロード（JSON）" }).click();
    const file = await download;
    const json = JSON.parse(require("fs").readFileSync(await file.path(), "utf8"));
    expect(json.tables.candidates[0].email).toBe(TARO);
    await expectAccessible(page);
  });
});

test.describe("my data (JavaScript off)", () => {
  test.use({ javaScriptEnabled: false });

  test("erasure after confirmation ends the session and forgets the person", async ({ page }) => {
    await signInAsTaro(page);
    await expect(page.getByText("法令により保管するもの")).toBeVisible();
    await page.getByLabel("内容を理解し、データの削除を依頼します").check();
    await page.getByRole("button", { name: "データを削除する" }).click();
    await expect(page.getByRole("heading", { name: "データを削除しました" })).toBeVisible();
    await page.goto("/portal");
    await expect(page.getByRole("heading", { name: "マイページにログイン" })).toBeVisible();
  });
});
