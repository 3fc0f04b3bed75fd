// End-to-end tests: `./test --e2e` (or `npm run test:e2e`) builds the app, starts it on
// port 3100 against a fresh seeded database and sets E2E_BASE_URL; there is no webServer here.
// Browser: Debian's Chromium (`npx playwright install` cannot download on these machines).
// Tag a test `@phone` (e.g. test("…", { tag: "@phone" }, …)) to run it on the phone too, `@phone-only`
// to run it only on the phone.
import { defineConfig, type ReporterDescription } from "@playwright/test";

const ci = process.env.CI === "true" || process.env.CI === "1";
const jsonOutput = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME;

const reporter: ReporterDescription[] = [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]];
if (jsonOutput) reporter.push(["json", { outputFile: jsonOutput }]);

export default defineConfig({
  testDir: "e2e",
  workers: 2,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  reporter,
  // Server work behind a click (scrypt at sign-up, a transaction and a re-render) can take seconds on
  // a 2-core machine that is also building or testing: wait up to 10 s for what must happen.
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.E2E_BASE_URL || "http://127.0.0.1:3100",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    screenshot: "only-on-failure",
    trace: "on-first-retry",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "desktop",
      // A long journey already proven at phone width need not run twice (the suite stays under 15 minutes).
      grepInvert: /@phone-only/,
      use: { browserName: "chromium", viewport: { width: 1280, height: 800 } },
    },
    {
      name: "phone",
      grep: /@phone/,
      use: { browserName: "chromium", viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true },
    },
  ],
});
