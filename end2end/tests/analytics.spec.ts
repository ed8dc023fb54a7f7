import { expect, test } from "@playwright/test";
import { expectAccessible, signInAsRecruiter, VIEWER } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`analytics (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("the funnel: open it, change the period and the view, follow a figure to the candidates", async ({ page }) => {
      await signInAsRecruiter(page, VIEWER);
      await page.goto("/admin");
      await page.getByRole("link", { name: "分析" }).click();
      await expect(page.getByRole("heading", { name: "分析", level: 1 })).toBeVisible();
      await expect(page.getByRole("heading", { name: "選考ファネル", level: 2 })).toBeVisible();
      await expect(page.getByRole("img", { name: /選考段階ごとの件数/ })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      // the whole demo history, counted as moves
      await page.getByLabel("期間の開始日").fill("2020-01-01");
      await page.getByLabel("活動（期間中の移動）").check();
      await page.getByRole("button", { name: "表示する" }).click();
      await expect(page).toHaveURL(/view=activity/);
      await expect(page).toHaveURL(/from=2020-01-01/);
      await expect(page.getByText(/^活動: 期間中に行われた/)).toBeVisible();
      await expect(page.getByLabel("期間の開始日")).toHaveValue("2020-01-01");
      const table = page.getByRole("table", { name: "選考ファネル" });
      await expect(table.getByRole("columnheader", { name: "移動数" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      // back to the cohort; the interview figure opens the people who reached it
      await page.getByLabel("コホート（期間中の応募を追跡）").check();
      await page.getByRole("button", { name: "表示する" }).click();
      await expect(page).toHaveURL(/view=cohort/);
      const interview = page.getByRole("table", { name: "選考ファネル" }).getByRole("row", { name: /^面接/ }).getByRole("link");
      const figure = Number(await interview.innerText());
      expect(figure).toBeGreaterThan(0);
      await interview.click();
      await expect(page.getByRole("heading", { name: "候補者", level: 1 })).toBeVisible();
      await expect(page.getByText(/^分析レポートの数字から開いた一覧です/)).toBeVisible();
      await expect(page.locator("table a[href^='/admin/candidates/']").first()).toBeVisible();
      await expect(page).toHaveURL(/reached=interview/);
    });
  });
}

test("analytics in English, and a filter the server refuses is dropped, not an error", async ({ page }) => {
  await signInAsRecruiter(page, VIEWER);
  await page.goto("/admin/analytics?from=not-a-date&source=%27%3B&view=activity");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hiring funnel", level: 2 })).toBeVisible();
  await expect(page.getByLabel("Period from")).toHaveValue("");
  await expect(page.getByLabel("Activity (moves in the period)")).toBeChecked();
  await expect(page.getByRole("table", { name: "Hiring funnel" }).getByRole("row", { name: /^Interviews/ })).toBeVisible();
  const csv = await page.request.get("/admin/analytics/funnel.csv?view=activity", { headers: { "accept-language": "en" } });
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("Stage,Moves,Pass-through from the stage before");
  await expectAccessible(page);
});
