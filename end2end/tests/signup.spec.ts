import { expect, test } from "@playwright/test";
import { expectAccessible, latestLinkFor } from "./helpers";

const CONFIRM_LINK = /https?:\/\/\S+\/portal\/sign-up\/confirm\/[0-9a-f]{64}/;

for (const javaScriptEnabled of [true, false]) {
  test.describe(`portal sign-up (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });

    test("register, confirm from the mail with one consent of two ticked, land signed in", async ({ page }) => {
      const email = `new.${javaScriptEnabled ? "js" : "nojs"}.${Date.now()}@example.com`;
      const started = Date.now() - 1000;
      await page.goto("/portal/sign-in");
      await page.getByRole("button", { name: "English" }).click();
      await page.getByRole("link", { name: "New here? Register" }).click();
      await expect(page.getByRole("heading", { name: "Register with us" })).toBeVisible();
      // no consent is asked for before the address is proven
      await expect(page.getByRole("checkbox")).toHaveCount(0);
      await expectAccessible(page, javaScriptEnabled);

      // a bad address is refused at its field, and what was typed stays
      await page.getByLabel("E-mail address").fill("not-an-address");
      await page.getByLabel("Family name", { exact: true }).fill("Tanaka");
      await page.getByRole("button", { name: "Send me a registration link" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expect(page.getByLabel("Family name", { exact: true })).toHaveValue("Tanaka");

      await page.getByLabel("E-mail address").fill(email);
      await page.getByLabel("Given name", { exact: true }).fill("Yui");
      await page.getByLabel("Family name reading (kana)").fill("タナカ");
      await page.getByLabel("Given name reading (kana)").fill("ユイ");
      await page.getByRole("button", { name: "Send me a registration link" }).click();
      await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
      // the page's address holds nothing that was typed
      expect(page.url()).not.toContain("example.com");

      const link = await latestLinkFor(email, started, CONFIRM_LINK);
      await page.goto(link);
      await expect(page.getByRole("heading", { name: "Complete your registration" })).toBeVisible();
      const pool = page.getByRole("checkbox", { name: /talent pool/ });
      const news = page.getByRole("checkbox", { name: "E-mail me about new jobs and information sessions" });
      await expect(pool).not.toBeChecked();
      await expect(news).not.toBeChecked();
      await expectAccessible(page, javaScriptEnabled);
      await pool.check();
      await page.getByRole("button", { name: "Complete my registration" }).click();
      // signed in, on the profile to fill in, with what was registered
      await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
      await expect(page.getByLabel("E-mail address")).toHaveValue(email);
      await expect(page.getByLabel("Given name", { exact: true })).toHaveValue("Yui");

      await page.getByRole("link", { name: "Consent" }).click();
      await expect(page.getByRole("region", { name: "Talent pool" }).getByText("You agreed", { exact: true })).toBeVisible();
      await expect(
        page.getByRole("region", { name: "Job news and invitations" }).getByText("You agreed", { exact: true }),
      ).toHaveCount(0);

      // the link worked once
      await page.goto(link);
      await expect(page.getByRole("heading", { name: "Complete your registration" })).toHaveCount(0);
    });
  });
}
