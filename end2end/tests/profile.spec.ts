import { expect, test } from "@playwright/test";
import { CANDIDATE, expectAccessible, signInAsCandidate } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`profile (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("bad input is refused field by field and nothing typed is lost; good input is normalised", async ({ page }) => {
      await signInAsCandidate(page, CANDIDATE);
      await page.getByRole("link", { name: "プロフィール" }).click();
      await expect(page.getByRole("heading", { name: "プロフィール", level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      await page.getByLabel("電話番号").fill("090-12");
      await page.getByLabel("メイ（フリガナ）").fill("Hanako");
      await page.getByLabel("希望職種").fill("データエンジニア、SRE");
      await page.getByRole("button", { name: "保存する" }).click();
      await expect(page.getByRole("alert")).toContainText("入力内容に誤りがあります");
      await expect(page.getByLabel("電話番号")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("電話番号の形式が正しくありません。")).toBeVisible();
      await expect(page.getByText("フリガナはカタカナまたはひらがなで入力してください。")).toBeVisible();
      await expect(page.getByLabel("希望職種")).toHaveValue("データエンジニア、SRE");
      await expectAccessible(page, javaScriptEnabled);

      await page.getByLabel("電話番号").fill("０９０ー１２３４ー５６７８");
      await page.getByLabel("メイ（フリガナ）").fill("はなこ");
      await page.getByRole("button", { name: "保存する" }).click();
      await expect(page.getByRole("status")).toHaveText("プロフィールを保存しました。");
      await expect(page.getByLabel("電話番号")).toHaveValue("+819012345678");
      await expect(page.getByLabel("メイ（フリガナ）")).toHaveValue("ハナコ");
      await expect(page.getByLabel("希望職種")).toHaveValue("データエンジニア, SRE");

      // a résumé: the type is checked by content, so a renamed program is refused
      await page.getByLabel("ファイル").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
      await page.getByRole("button", { name: "アップロード" }).click();
      await expect(page.getByRole("alert")).toContainText("PDF または Word（.docx）のファイルを選んでください。");
      await page.getByLabel("ファイル").setInputFiles({ name: "履歴書.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 山田花子") });
      await page.getByRole("button", { name: "アップロード" }).click();
      await expect(page.getByRole("status")).toHaveText("履歴書をアップロードしました。");
      await expect(page.getByRole("link", { name: "履歴書.pdf" }).first()).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
    });
  });
}
