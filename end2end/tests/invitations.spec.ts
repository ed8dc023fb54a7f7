import { expect, test } from "@playwright/test";
import { CANDIDATE, expectAccessible, signInAsCandidate, signInAsRecruiter } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`re-application invitation (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("refused without consent; after consent the candidate answers it in the portal", async ({ page, browser }) => {
      // the candidate signs in
      await signInAsCandidate(page, CANDIDATE);
      await page.getByRole("link", { name: "同意の管理" }).click();
      const news = page.getByRole("region", { name: "求人情報・再応募のご案内" });
      if (await news.getByRole("button", { name: "同意を撤回する" }).count()) {
        await news.getByRole("button", { name: "同意を撤回する" }).click();
        await expect(page.getByRole("status")).toContainText("撤回を記録しました");
      }

      // a recruiter finds her and tries to invite her: refused, with the reason
      const recruiterContext = await browser.newContext({ javaScriptEnabled });
      const recruiter = await recruiterContext.newPage();
      await signInAsRecruiter(recruiter, "recruiter@example.com");
      await recruiter.getByRole("link", { name: "候補者", exact: true }).click();
      await recruiter.getByLabel("氏名・フリガナ・メールアドレス").fill("hanako.yamada");
      await recruiter.getByRole("button", { name: "検索" }).click();
      await recruiter.getByRole("link", { name: "山田 花子" }).click();
      await expect(recruiter.getByRole("heading", { name: "山田 花子" })).toBeVisible();
      await expectAccessible(recruiter, javaScriptEnabled);
      await recruiter.getByRole("button", { name: "招待メールを送る" }).click();
      await expect(recruiter.getByRole("alert")).toContainText("同意していない");

      // she agrees to job news; now the invitation goes out
      await news.getByRole("button", { name: "同意する" }).click();
      await expect(page.getByRole("status")).toContainText("同意を記録しました");
      await recruiter.getByRole("region", { name: "求人に招待する" }).getByLabel("求人", { exact: true }).selectOption({ label: javaScriptEnabled ? "SRE" : "プロダクトデザイナー" });
      await recruiter.getByRole("button", { name: "招待メールを送る" }).click();
      await expect(recruiter.getByRole("status")).toContainText("招待メールを送信待ちに入れました。");
      await recruiterContext.close();

      await page.getByRole("link", { name: "応募状況" }).click();
      const invitations = page.getByRole("region", { name: "再応募のご案内" });
      await invitations.getByRole("link", { name: "詳細を見る" }).first().click();
      await expect(page.getByRole("heading", { name: "再応募のご案内", level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("button", { name: "この求人に応募する" }).click();
      await expect(page.getByRole("status")).toContainText("応募を受け付けました");
      await expect(page.getByText("応募済み")).toBeVisible();
    });
  });
}
