import { expect, Page, test } from "@playwright/test";
import { ADMIN, expectAccessible, latestLinkFor, signInAsAgency, signInAsRecruiter } from "./helpers";

const MIRAI = "株式会社みらいキャリア";
const NEXTLINK = "ネクストリンク人材紹介株式会社";
const MIRAI_USER = "agent@mirai-career.example.com";
const NEXTLINK_USER = "agent@nextlink.example.com";
const RELAY_LINK = /https?:\/\/\S+\/relay\/[0-9a-f]{64}/;

/** The admin's count of referrals to Mirai, read off its ledger. */
async function miraiReferrals(admin: Page): Promise<number> {
  await admin.goto("/admin/relay");
  await admin.getByRole("link", { name: MIRAI }).click();
  const stat = admin.locator(".stat").filter({ has: admin.getByText("紹介数", { exact: true }) });
  return Number(await stat.locator("dd").innerText());
}

const people = [
  { javaScriptEnabled: true, email: "jiro.tanaka@example.com", name: "田中 次郎", phone: "+819011112222" },
  { javaScriptEnabled: false, email: "misaki.sato@example.com", name: "佐藤 美咲", phone: "+819033334444" },
];

for (const { javaScriptEnabled, email, name, phone } of people) {
  test.describe(`career relay (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("reject → mail → opt in to one agency → only that agency sees the agreed items → ledger +1 → withdraw", async ({
      page,
      browser,
    }) => {
      await signInAsRecruiter(page, ADMIN);
      const before = await miraiReferrals(page);
      await expectAccessible(page, javaScriptEnabled);

      // the recruiter rejects the application with a reason; the mail goes to the outbox
      const started = Date.now() - 1000;
      await page.goto("/admin/candidates");
      await page.getByLabel("氏名・フリガナ・メールアドレス").fill(email);
      await page.getByRole("button", { name: "検索" }).click();
      await page.getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
      const rejection = page.locator("details").filter({ hasText: "不採用にする" });
      await rejection.getByText("不採用にする").click();
      await rejection.getByLabel("理由", { exact: true }).selectOption({ label: "必要な経験が不足" });
      await rejection.getByLabel("社内メモ（候補者には表示されません）").fill("設計経験を重視したため");
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("button", { name: "不採用を確定する" }).click();
      await expect(page.getByRole("status")).toContainText("不採用を記録しました。");
      await expect(page.getByText("設計経験を重視したため")).toBeVisible();

      // the candidate opens the link from the mail: agencies, items, nothing ticked
      const link = await latestLinkFor(email, started, RELAY_LINK);
      const candidateContext = await browser.newContext({ javaScriptEnabled });
      const candidate = await candidateContext.newPage();
      await candidate.goto(link);
      await expect(candidate.getByRole("heading", { name: "キャリアリレー：提携人材紹介会社へのご紹介" })).toBeVisible();
      await expect(candidate.getByText("今後当社へ応募される際の扱いは一切変わりません")).toBeVisible();
      const mirai = candidate.getByRole("checkbox", { name: new RegExp(MIRAI) });
      const nextlink = candidate.getByRole("checkbox", { name: new RegExp(NEXTLINK) });
      await expect(mirai).not.toBeChecked();
      await expect(nextlink).not.toBeChecked();
      await expect(candidate.getByRole("checkbox", { name: /人材データベース/ })).not.toBeChecked();
      await expectAccessible(candidate, javaScriptEnabled);
      await mirai.check();
      await candidate.getByRole("button", { name: "選んだ内容で送信する" }).click();
      await expect(candidate.getByRole("heading", { name: "ご回答ありがとうございました" })).toBeVisible();
      await expect(candidate.getByText("選ばれた会社への紹介を記録し")).toBeVisible();

      // the link cannot be used twice
      await candidate.goto(link);
      await expect(candidate.getByRole("heading", { name: "このリンクは使用済みです" })).toBeVisible();

      // Mirai sees the candidate with the items agreed (name, e-mail, skills) and not the phone number
      const agencyContext = await browser.newContext({ javaScriptEnabled });
      const agency = await agencyContext.newPage();
      await signInAsAgency(agency, MIRAI_USER);
      const card = agency.getByRole("region", { name });
      await expect(card).toBeVisible();
      await expect(card.getByRole("link", { name: email })).toBeVisible();
      await expect(agency.getByText(phone)).toHaveCount(0);
      await expectAccessible(agency, javaScriptEnabled);
      await card.getByLabel(/状況/).selectOption({ label: "登録済み" });
      await card.getByRole("button", { name: "保存" }).click();
      await expect(agency.getByRole("status")).toContainText("保存しました。");

      // NextLink sees nothing of them
      const otherContext = await browser.newContext({ javaScriptEnabled });
      const other = await otherContext.newPage();
      await signInAsAgency(other, NEXTLINK_USER);
      await expect(other.getByText(name)).toHaveCount(0);
      await expect(other.getByText(email)).toHaveCount(0);

      // the ledger counts one more referral
      expect(await miraiReferrals(page)).toBe(before + 1);

      // the referral link signed no one in: the candidate asks for a sign-in link on the done page, then sees the
      // provision record and withdraws; Mirai loses the details at once
      const asked = Date.now() - 1000;
      await candidate.goto("/relay/done?referred=1");
      await candidate.getByLabel("メールアドレス").fill(email);
      await candidate.getByRole("button", { name: "ログインリンクを送る" }).click();
      await expect(candidate.getByRole("heading", { name: "メールをご確認ください" })).toBeVisible();
      await candidate.goto(await latestLinkFor(email, asked));
      await candidate.getByRole("button", { name: "ログインする" }).click();
      await expect(candidate.getByRole("heading", { name: "マイページ", exact: true })).toBeVisible();
      await candidate.goto("/portal/data");
      const provisions = candidate.getByRole("region", { name: "第三者提供の記録" });
      await expect(provisions.getByRole("cell", { name: new RegExp(`^${MIRAI}`) })).toBeVisible();
      await provisions.getByRole("button", { name: `同意を撤回する: ${MIRAI}` }).click();
      await expect(candidate.getByRole("status")).toContainText("撤回を記録しました");
      await agency.reload();
      await expect(agency.getByText(email)).toHaveCount(0);
      await expect(agency.getByText("この候補者は同意を撤回しました。").first()).toBeVisible();

      await candidateContext.close();
      await agencyContext.close();
      await otherContext.close();
    });
  });
}

test("the company-wide referral URL asks for the address first", async ({ page }) => {
  await page.goto("/relay");
  await expect(page.getByRole("heading", { name: "キャリアリレー：提携人材紹介会社へのご紹介" })).toBeVisible();
  await expect(page.getByLabel("メールアドレス")).toBeVisible();
  await expectAccessible(page);
});
