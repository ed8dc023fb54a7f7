import { expect, test } from "@playwright/test";
import { CANDIDATE_EN, expectAccessible, signInAsCandidateInEnglish } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`consent centre (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("grants and withdraws one purpose without touching the others, with history", async ({ page }) => {
      await signInAsCandidateInEnglish(page, CANDIDATE_EN);
      await page.getByRole("link", { name: "Consent" }).click();
      await expect(page.getByRole("heading", { name: "Your consent", level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      const pool = page.getByRole("region", { name: "Talent pool" });
      const news = page.getByRole("region", { name: "Job news and invitations" });
      await expect(pool.getByText("You agreed", { exact: true })).toHaveCount(0);
      const newsState = await news.locator(".badge").innerText();

      await pool.getByRole("button", { name: "I agree" }).click();
      await expect(page.getByRole("status")).toHaveText("Your consent is recorded.");
      await expect(pool.getByText("You agreed", { exact: true })).toBeVisible();
      await expect(news.locator(".badge")).toHaveText(newsState);

      await pool.getByRole("button", { name: "Withdraw my consent" }).click();
      await expect(page.getByRole("status")).toHaveText("Your withdrawal is recorded and already in effect.");
      await expect(pool.getByText("Not agreed (withdrawn)")).toBeVisible();

      const history = page.getByRole("region", { name: "Consent history" });
      await expect(history.getByRole("row").nth(1)).toContainText("Talent pool");
      await expect(history.getByRole("row").nth(1)).toContainText("Withdrawn");
      await expect(history.getByRole("row").nth(2)).toContainText("Agreed");
      await expect(history.getByRole("row").nth(2)).toContainText("Portal");
      await expectAccessible(page, javaScriptEnabled);
    });
  });
}
