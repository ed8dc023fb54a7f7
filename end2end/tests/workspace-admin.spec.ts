import { expect, test } from "@playwright/test";
import { expectAccessible, latestLinkFor, signInAsRecruiter } from "./helpers";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`recruiter tools (JavaScript ${javaScriptEnabled ? "on" : "off"})`, () => {
    test.use({ javaScriptEnabled });
    const suffix = javaScriptEnabled ? "js" : "nojs";

    test("save a list view, follow it, delete it", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      await page.goto("/admin/candidates");
      const filters = page.getByRole("search", { name: "絞り込み" });
      await filters.getByLabel("応募経路").selectOption({ label: "説明会" });
      await filters.getByLabel("並び順").selectOption({ label: "フリガナ順" });
      await filters.getByRole("button", { name: "検索" }).click();
      const name = `説明会経由 ${suffix}`;
      const views = page.getByRole("region", { name: "保存したビュー" });
      await views.getByLabel("この条件をビューとして保存（名前）").fill(name);
      await views.getByRole("button", { name: "ビューを保存" }).click();
      await expect(page.getByRole("status")).toContainText("ビューを保存しました。");
      await expectAccessible(page, javaScriptEnabled);

      await page.goto("/admin/candidates");
      await expect(filters.getByLabel("応募経路")).toHaveValue("");
      await views.getByRole("link", { name }).click();
      await expect(filters.getByLabel("応募経路")).toHaveValue("info_session");
      await expect(filters.getByLabel("並び順")).toHaveValue("name");

      await views.getByRole("button", { name: `削除 ${name}` }).click();
      await expect(page.getByRole("status")).toContainText("ビューを削除しました。");
      await expect(views.getByRole("link", { name })).toHaveCount(0);
    });

    test("add a candidate by hand: errors kept, a possible duplicate held until confirmed", async ({ page }) => {
      await signInAsRecruiter(page, "recruiter@example.com");
      const phone = javaScriptEnabled ? "080-1234-0001" : "080-1234-0002";
      const add = async (email: string) => {
        await page.goto("/admin/candidates");
        await page.getByRole("link", { name: "候補者を追加" }).click();
        await expect(page.getByRole("heading", { name: "候補者を追加" })).toBeVisible();
        await page.getByLabel("メールアドレス").fill(email);
        await page.getByLabel("姓", { exact: true }).fill("原田");
        await page.getByLabel("名", { exact: true }).fill("一");
        await page.getByLabel("電話番号").fill(phone);
        await page.getByRole("button", { name: "候補者を追加" }).click();
      };

      // bad input: the field is named and what was typed is kept; then the first record is added
      await add("not-an-address");
      await expect(page.getByText("メールアドレスの形式が正しくありません。").first()).toBeVisible();
      await expect(page.getByLabel("姓", { exact: true })).toHaveValue("原田");
      await page.getByLabel("メールアドレス").fill(`hajime.${suffix}@example.com`);
      await page.getByRole("button", { name: "候補者を追加" }).click();
      await expect(page.getByRole("status")).toContainText("候補者を追加しました。");

      // the same person again under another address: held, the match shown, added only when confirmed
      const email = `hajime.harada.${suffix}@example.com`;
      await add(email);
      const matches = page.getByRole("region", { name: "同じ人かもしれない候補者" });
      await expect(matches.getByRole("link", { name: "原田 一" })).toBeVisible();
      await expect(matches).toContainText("電話番号が同じ");
      const confirm = page.getByLabel("上の候補者とは別の人であることを確認しました");
      await expect(confirm).not.toBeChecked();
      await expectAccessible(page, javaScriptEnabled);
      await confirm.check();
      await page.getByRole("button", { name: "候補者を追加" }).click();
      await expect(page.getByRole("status")).toContainText("候補者を追加しました。");
      await expect(page.getByRole("heading", { name: "原田 一" })).toBeVisible();
      await expect(page.getByText(email).first()).toBeVisible();
    });
  });
}

test("mail templates in English: a preview with a real candidate, a missing link refused", async ({ page }) => {
  await signInAsRecruiter(page);
  await page.goto("/admin/templates");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Mail templates" })).toBeVisible();
  const kinds = page.getByRole("navigation", { name: "Kinds of mail" });
  await kinds.getByRole("link", { name: "Rejection" }).click();
  await expect(kinds.getByRole("link", { name: "Rejection" })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("Preview with a real candidate (e-mail address)").fill("hanako.yamada@example.com");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Preview filled in for: 山田 花子");
  const japanese = page.getByRole("region", { name: "Rejection (日本語)" });
  await expect(japanese.locator(".mail-body")).toContainText("山田 花子 様");
  await expect(japanese.locator(".mail-body")).toContainText("/relay/…");
  await expectAccessible(page);

  await page.getByLabel("Preview with a real candidate (e-mail address)").fill("nobody@example.com");
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("No candidate has that e-mail address.");

  await kinds.getByRole("link", { name: "Sign-in link" }).click();
  const english = page.getByRole("region", { name: "Sign-in link (English)" });
  await english.getByLabel("Body").fill("Dear {{name}}, sign in from your portal.");
  await english.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").first()).toContainText("A merge field this mail needs is missing.");
  await expect(english.getByText("{{sign_in_link}}").first()).toBeVisible();
  await expect(english.getByLabel("Body")).toHaveValue("Dear {{name}}, sign in from your portal.");

  await page.getByRole("button", { name: "日本語" }).click();
});

test("an admin invites a colleague, who sets a password from the mail and works as a viewer", async ({
  browser,
  page: admin,
  baseURL,
}) => {
  await signInAsRecruiter(admin);
  await admin.goto("/admin");
  await admin.getByRole("navigation", { name: "採用担当者" }).getByRole("link", { name: "ユーザー" }).click();
  const invite = admin.getByRole("region", { name: "ユーザーを招待" });
  const started = Date.now() - 1000;
  await invite.getByLabel("メールアドレス").fill("new.colleague@example.com");
  await invite.getByLabel("氏名").fill("新人 閲覧");
  await invite.getByLabel("役割").selectOption({ label: "閲覧者" });
  await invite.getByRole("button", { name: "招待メールを送る" }).click();
  await expect(admin.getByRole("status")).toContainText("招待メールを送りました。");
  await expect(admin.getByRole("row", { name: /新人 閲覧/ })).toContainText("招待中（パスワード未設定）");
  await expectAccessible(admin);

  const colleague = await (await browser.newContext({ baseURL, locale: "ja-JP" })).newPage();
  await colleague.goto(
    await latestLinkFor("new.colleague@example.com", started, /https?:\/\/\S+\/admin\/set-password\/[0-9a-f]{64}/),
  );
  await colleague.getByLabel("新しいパスワード").fill("a long enough password");
  await colleague.getByRole("button", { name: "設定してログイン" }).click();
  await expect(colleague.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();
  await colleague.goto("/admin/users");
  await expect(colleague.getByRole("alert")).toContainText("この操作を行う権限がありません。");

  await admin.goto("/admin/reasons");
  await expect(admin.getByRole("region", { name: "会社側（不採用）" })).toContainText("必要な経験が不足");
});

test("the new recruiter pages in English, bad input refused in English", async ({ page }) => {
  await signInAsRecruiter(page);
  await page.goto("/admin/candidates");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Find candidates" })).toBeVisible();

  // a saved view: an empty name is refused, the filters kept; then saved
  const filters = page.getByRole("search", { name: "Filters" });
  await filters.getByLabel("Source").selectOption({ label: "Information session" });
  await filters.getByRole("button", { name: "Search" }).click();
  const views = page.getByRole("region", { name: "Saved views" });
  await views.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(filters.getByLabel("Source")).toHaveValue("info_session");
  await views.getByLabel("Save these filters as a view (name)").fill("Info sessions (en)");
  await views.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("status")).toContainText("View saved.");
  await expectAccessible(page);

  // adding a candidate: field errors in English, then added
  await page.getByRole("link", { name: "Add a candidate" }).click();
  await page.getByLabel("E-mail address").fill("nope");
  await page.getByLabel("Family name", { exact: true }).fill("Brown");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByText("This is not a valid e-mail address.").first()).toBeVisible();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(page.getByLabel("Family name", { exact: true })).toHaveValue("Brown");
  await page.getByLabel("E-mail address").fill("olivia.brown@example.com");
  await page.getByLabel("Given name", { exact: true }).fill("Olivia");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("status")).toContainText("Candidate added.");
  await expectAccessible(page);

  // users and decline reasons
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const invite = page.getByRole("region", { name: "Invite a user" });
  await invite.getByLabel("E-mail address").fill("recruiter@example.com");
  await invite.getByLabel("Name", { exact: true }).fill("Someone");
  await invite.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByText("This e-mail address belongs to another account.").first()).toBeVisible();
  await expectAccessible(page);

  await page.goto("/admin/reasons");
  await expect(page.getByRole("heading", { name: "Decline reasons" })).toBeVisible();
  const add = page.getByRole("region", { name: "Add a reason" });
  await add.getByLabel("Reason (Japanese)").fill("必要な経験が不足");
  await add.getByLabel("Reason (English)").fill("Not enough experience");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(page.getByText("This reason is in the list already.").first()).toBeVisible();
  await expect(add.getByLabel("Reason (English)")).toHaveValue("Not enough experience");
  await expectAccessible(page);

  await page.goto("/admin/import");
  await expect(page.getByLabel("Register everyone for an event (optional)")).toBeVisible();
  await page.getByRole("button", { name: "日本語" }).click();
});
