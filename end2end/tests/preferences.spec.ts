import { expect, test } from "@playwright/test";
import { CANDIDATE_EN, expectAccessible, signInAsCandidateInEnglish } from "./helpers";

function inSixMonths(): string {
  const date = new Date(Date.now() + 183 * 86_400_000);
  return date.toISOString().slice(0, 10);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`contact preferences (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("sets cap and pause, unsubscribes from everything optional and comes back", async ({ page }) => {
      await signInAsCandidateInEnglish(page, CANDIDATE_EN);
      await page.getByRole("link", { name: "Contact preferences" }).click();
      await expect(page.getByRole("heading", { name: "Contact preferences", level: 1 })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);

      await page.getByLabel("At most this many e-mails a month").selectOption("2");
      await page.getByLabel("Engineering").check();
      const pause = inSixMonths();
      await page.getByLabel("Do not contact me before").fill(pause);
      await page.getByRole("button", { name: "Save preferences" }).click();
      await expect(page.getByRole("status")).toHaveText("Your preferences are saved.");
      await expect(page.getByLabel("At most this many e-mails a month")).toHaveValue("2");
      await expect(page.getByLabel("Engineering")).toBeChecked();
      await expect(page.getByLabel("Do not contact me before")).toHaveValue(pause);

      await page.getByLabel("Do not contact me before").fill("2001-01-01");
      await page.getByRole("button", { name: "Save preferences" }).click();
      await expect(page.getByRole("alert")).toContainText("Choose a date from tomorrow up to three years ahead.");

      await page.getByRole("button", { name: "Unsubscribe from everything optional" }).click();
      await expect(page.getByRole("status")).toHaveText("You are unsubscribed.");
      await expect(page.getByText("You are unsubscribed from all optional e-mail.")).toBeVisible();
      await page.getByRole("button", { name: "Start receiving e-mail again" }).click();
      await expect(page.getByRole("button", { name: "Unsubscribe from everything optional" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
    });
  });
}
