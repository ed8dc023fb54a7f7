import { expect, test } from "@playwright/test";
import { CANDIDATE, expectAccessible, unsubscribeLinksFor } from "./helpers";

// Runs after the invitation specs, whose invitation mails to the demo candidate carry one-click unsubscribe links.
for (const [index, javaScriptEnabled] of [true, false].entries()) {
  test.describe(`unsubscribe link from a mail (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("opening it changes nothing; its button unsubscribes without signing in", async ({ page }) => {
      const links = unsubscribeLinksFor(CANDIDATE);
      expect(links.length).toBeGreaterThanOrEqual(2);
      await page.goto(links[index]);
      await expect(page.getByRole("heading", { name: "メール配信の停止" })).toBeVisible();
      await expectAccessible(page, javaScriptEnabled);
      await page.getByRole("button", { name: "配信を停止する" }).click();
      await expect(page.getByRole("heading", { name: "配信を停止しました" })).toBeVisible();
      // the link is single-use: opening it again offers the portal instead
      await page.goto(links[index]);
      await expect(page.getByRole("alert")).toContainText("この配信停止リンクは無効か");
    });
  });
}
