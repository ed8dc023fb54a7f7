// The wasm + JS a browser downloads, compressed as it travels (brotli), against the budget in design.md.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const pkg = "target/site/pkg";
const budgetKb = 100; // the portal budget: candidates open Kizuna on phones
let raw = 0;
let compressed = 0;
for (const file of readdirSync(pkg).filter((f) => f.endsWith(".wasm") || f.endsWith(".js"))) {
  const bytes = readFileSync(join(pkg, file));
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${file}: ${(bytes.length / 1024).toFixed(1)} KB raw, ${(br / 1024).toFixed(1)} KB brotli`);
  raw += bytes.length;
  compressed += br;
}
console.log(`total: ${(raw / 1024).toFixed(1)} KB raw, ${(compressed / 1024).toFixed(1)} KB brotli (budget ${budgetKb} KB)`);
if (compressed / 1024 > budgetKb) {
  console.error("wasm + JS over budget");
  process.exit(1);
}
