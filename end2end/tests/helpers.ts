import AxeBuilder from "@axe-core/playwright";
import { expect, Page } from "@playwright/test";
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

export const ADMIN = "admin@example.com";
export const VIEWER = "viewer@example.com";
export const PASSWORD = "kizuna-demo-2026";
export const CANDIDATE = "hanako.yamada@example.com";
export const CANDIDATE_EN = "emma.wilson@example.com";

/** No serious or critical accessibility violations on the page as it is now. axe-core runs inside the page,
 * so it needs JavaScript; the server renders the same HTML either way, so the JavaScript-on runs cover it. */
export async function expectAccessible(page: Page, javaScriptEnabled = true) {
  if (!javaScriptEnabled) return;
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

function dataDir(): string {
  return path.resolve(__dirname, "..", "..", process.env.KIZUNA_DATA_DIR ?? "data");
}

function mailDir(): string {
  return path.join(dataDir(), "mail");
}

/** Lets 15 minutes pass for one sign-in link: moves its expiry into the past in the server's SQLite file
 * (only the SHA-256 of a token is stored, so that is what we look it up by). */
export function expireLink(link: string) {
  const token = link.split("/").pop()!;
  const hash = createHash("sha256").update(token).digest("hex");
  const db = path.join(dataDir(), "kizuna.db");
  const script =
    "import sqlite3, sys\n" +
    "c = sqlite3.connect(sys.argv[1], timeout=10)\n" +
    "n = c.execute('UPDATE tokens SET expires_at = created_at - 1 WHERE hash = ?', (sys.argv[2],)).rowcount\n" +
    "c.commit()\n" +
    "sys.exit(0 if n == 1 else 1)\n";
  execFileSync("python3", ["-c", script, db, hash]);
}

/** The newest sign-in link sent to an address, read from the embedded mail sink (.eml files); another kind of
 * link with `pattern` (the personal referral link of a rejection mail, say). */
export async function latestLinkFor(
  to: string,
  after: number,
  pattern = /https?:\/\/\S+\/portal\/sign-in\/link\/[0-9a-f]{64}/,
): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const dir = mailDir();
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith(".eml"))
          .map((f) => path.join(dir, f))
          .filter((f) => fs.statSync(f).mtimeMs >= after)
          .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
      : [];
    for (const file of files) {
      const raw = fs.readFileSync(file, "utf8").replace(/\r\n/g, "\n");
      const [head, ...rest] = raw.split("\n\n");
      if (!new RegExp(`^To: .*${to.replace(/\./g, "\\.")}`, "mi").test(head)) continue;
      const body = Buffer.from(rest.join("\n\n").replace(/\s+/g, ""), "base64").toString("utf8");
      const link = body.match(pattern);
      if (link) return link[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail with ${pattern} for ${to} in ${mailDir()}`);
}

export async function signInAsRecruiter(page: Page, email = ADMIN) {
  await page.goto("/admin/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
  await expect(page.getByRole("heading", { name: "ダッシュボード" })).toBeVisible();
}

/** Signs a candidate in through the portal in English, reading the link from the mail sink. */
export async function signInAsCandidateInEnglish(page: Page, email: string) {
  const started = Date.now() - 1000;
  await page.goto("/portal/sign-in");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "Send me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
  await page.goto(await latestLinkFor(email, started));
  await page.getByRole("button", { name: "Sign in" }).last().click();
  await expect(page.getByRole("heading", { name: "Your portal" })).toBeVisible();
}

/** Signs a candidate in through the portal in Japanese, reading the link from the mail sink. */
export async function signInAsCandidate(page: Page, email: string) {
  const started = Date.now() - 1000;
  await page.goto("/portal/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByRole("button", { name: "ログインリンクを送る" }).click();
  await expect(page.getByRole("heading", { name: "メールをご確認ください" })).toBeVisible();
  await page.goto(await latestLinkFor(email, started));
  await page.getByRole("button", { name: "ログインする" }).click();
  await expect(page.getByRole("heading", { name: "マイページ", exact: true })).toBeVisible();
}

/** The one-click unsubscribe links (List-Unsubscribe headers) of every mail in the sink sent to an address, newest first. */
export function unsubscribeLinksFor(to: string): string[] {
  const dir = mailDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
    .map((f) => fs.readFileSync(f, "utf8").replace(/\r\n/g, "\n").split("\n\n")[0])
    .filter((head) => head.includes(`To: ${to}`))
    .map((head) => head.match(/^List-Unsubscribe: <([^>]+)>/m)?.[1])
    .filter((link): link is string => !!link);
}

/** Signs a partner agency's user in to the agency portal. */
export async function signInAsAgency(page: Page, email: string) {
  await page.goto("/agency/sign-in");
  await page.getByLabel("メールアドレス").fill(email);
  await page.getByLabel("パスワード", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "ログイン", exact: true }).click();
  await expect(page.getByRole("heading", { name: "パートナーポータル", level: 1 })).toBeVisible();
}
