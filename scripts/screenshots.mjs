// Takes full-page screenshots of the main pages at phone and desktop width, in both languages,
// for looking at by eye:  node scripts/screenshots.mjs http://127.0.0.1:3000 [outDir] [path ...]
// FULL_PAGE=0 takes only the first screen. SIGN_IN=email:password signs in first (console pages).
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const [base = "http://127.0.0.1:3000", outDir = ".data/screenshots", ...paths] = process.argv.slice(2);
const pages = paths.length
  ? paths
  : [
      "/",
      "/products",
      "/products?county=620523&category=CHILI",
      "/products/gangu-chili-dried-500g",
      "/operators/dazhuang-chili-coop",
      "/counties/620721",
      "/about",
      "/products/nope",
    ];
mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
for (const [device, viewport] of [
  ["phone", { width: 375, height: 812 }],
  ["desktop", { width: 1280, height: 800 }],
]) {
  for (const locale of ["zh", "en"]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: locale === "zh" ? "zh-CN" : "en" });
    const page = await context.newPage();
    if (process.env.SIGN_IN) {
      const [email, password] = process.env.SIGN_IN.split(":");
      const csrf = await (await page.request.get(`${base}/api/auth/csrf`)).json();
      await page.request.post(`${base}/api/auth/callback/credentials`, {
        form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
      });
    }
    for (const path of pages) {
      const url = `${base}${locale === "en" ? (path === "/" ? "/en" : `/en${path}`) : path}`;
      await page.goto(url, { waitUntil: "networkidle" });
      const name = `${device}-${locale}-${path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}.png`;
      await page.screenshot({ path: `${outDir}/${name}`, fullPage: process.env.FULL_PAGE !== "0" });
      console.log(`${outDir}/${name}`);
    }
    await context.close();
  }
}
await browser.close();
