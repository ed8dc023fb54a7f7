import { expect, test } from "@playwright/test";
import { expectAccessible, PASSWORD, signInAsRecruiter } from "./helpers";

test.describe("with JavaScript", () => {
  test("the password toggle works once the wasm island hydrates", async ({ page }) => {
    await page.goto("/admin/sign-in");
    const toggle = page.getByRole("button", { name: "パスワードを表示" });
    await expect(toggle).toBeVisible();
    const password = page.getByLabel("パスワード", { exact: true });
    await password.fill(PASSWORD);
    await expect(password).toHaveAttribute("type", "password");
    await toggle.click();
    await expect(password).toHaveAttribute("type", "text");
    await expect(page.getByRole("button", { name: "パスワードを隠す" })).toHaveAttribute("aria-pressed", "true");
    await expectAccessible(page);
  });

  test("a recruiter signs in", async ({ page }) => {
    await signInAsRecruiter(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the toggle stays hidden and the sign-in form still works", async ({ page }) => {
    await page.goto("/admin/sign-in");
    await expect(page.getByRole("button", { name: "パスワードを表示" })).toBeHidden();
    await signInAsRecruiter(page);
  });
});
