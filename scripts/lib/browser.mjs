// Playwright here drives Debian's Chromium (`npx playwright install` cannot download on these
// machines), and pages need a CJK font or every Chinese character renders as a box.
// ensureBrowser() checks both; as root on Debian it installs what is missing with apt-get,
// elsewhere it says what to install and exits non-zero. ensureDebianPackages() does the same for
// what other tests need (the backup test's PostgreSQL server), in the same apt-get run when both
// are missing, and only warns where apt-get cannot be used.
// Standalone: node scripts/lib/browser.mjs
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasChineseFont() {
  const result = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() !== "";
}

function canUseApt() {
  return process.getuid?.() === 0 && existsSync("/etc/debian_version") && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
}

function apt(args) {
  console.error(`[browser] $ apt-get ${args.join(" ")}`);
  const result = spawnSync("apt-get", args, {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) {
    console.error(`[browser] apt-get ${args[0]} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** Installs Debian `packages` with apt-get (as root on Debian); elsewhere says what is missing and goes on. */
export function ensureDebianPackages(packages, why) {
  if (!packages.length) return;
  if (!canUseApt()) {
    console.error(`[browser] ${why} needs ${packages.join(" ")}: not installed (apt-get as root is not available here)`);
    return;
  }
  console.error(`[browser] ${why} needs ${packages.join(" ")}: installing with apt-get`);
  apt(["update"]);
  apt(["install", "-y", "--no-install-recommends", ...packages]);
}

/**
 * @param {string[]} extraPackages Debian packages another test needs, installed in the same apt-get run when the browser needs one
 * @returns {string} the Chromium executable Playwright should launch (also put in process.env.CHROMIUM_PATH)
 */
export function ensureBrowser(extraPackages = []) {
  const custom = process.env.CHROMIUM_PATH;
  const chromium = custom || DEFAULT_CHROMIUM;
  const packages = [];
  if (!isExecutable(chromium)) {
    if (custom) {
      console.error(`[browser] CHROMIUM_PATH=${custom} is not an executable file. Fix it, or unset it to use ${DEFAULT_CHROMIUM}.`);
      process.exit(1);
    }
    packages.push("chromium");
  }
  if (!hasChineseFont()) packages.push("fonts-noto-cjk");

  if (packages.length) {
    const missing = packages.includes("chromium")
      ? `Chromium (${DEFAULT_CHROMIUM})${packages.length > 1 ? " and a Chinese font" : ""}`
      : "a Chinese font (`fc-list :lang=zh` lists none)";
    if (!canUseApt()) {
      console.error(
        [
          `[browser] The end-to-end tests need ${missing}.`,
          `  On Debian or Ubuntu, as root:  apt-get update && apt-get install -y ${packages.join(" ")}`,
          `  Elsewhere: install Chromium and Noto Sans CJK (or any font covering Chinese) with your package manager,`,
          `  then set CHROMIUM_PATH=/path/to/chromium if it is not at ${DEFAULT_CHROMIUM}.`,
          `  (\`npx playwright install\` does not work on these machines: it downloads from outside the npm registry.)`,
        ].join("\n"),
      );
      process.exit(1);
    }
    console.error(`[browser] ${missing} missing: installing ${[...packages, ...extraPackages].join(" ")} with apt-get`);
    apt(["update"]);
    apt(["install", "-y", ...packages, ...extraPackages]);
    if (!isExecutable(chromium)) {
      console.error(`[browser] ${chromium} is still missing after apt-get install`);
      process.exit(1);
    }
    if (!hasChineseFont()) console.error("[browser] warning: `fc-list :lang=zh` still lists no font");
  } else ensureDebianPackages(extraPackages, "a test");
  process.env.CHROMIUM_PATH = chromium;
  return chromium;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(ensureBrowser());
}
