// What would Lighthouse's simulated LCP and FCP have been in a recorded run, had some responses been
// smaller (or larger)? Lighthouse's own simulation (Lantern, from the pinned 12.2.3 that
// `npm run bench:lighthouse` runs through npx), run on a saved run twice: as recorded, and with the
// transfer sizes changed. The recorded run's load stays fixed, so two variants of a page's bytes
// compare without the shared machine's noise. What the run observed (which requests had finished
// before the paint) is not changed, only their sizes: docs/benchmarks.md, "What bounds LCP".
//
//   npm run bench:lighthouse -- --save-assets          (keeps each run's trace and network log)
//   node scripts/lantern-what-if.mjs [options] bench-results/logs/lighthouse-product-1.json …
//     --shrink TEXT=BYTES   every request whose URL contains TEXT, BYTES smaller (negative: larger)
//     --brotli DIST         each /_next/static script or stylesheet by its (gzip − Brotli) size, from the
//                           build folder DIST (e.g. .next-bench): for runs recorded with gzip
//     --gzip DIST           the other way: for runs recorded with Brotli
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

const VERSION = "12.2.3";

function parseArgs(argv) {
  const o = { shrink: [], dist: null, sign: 1, runs: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--shrink") {
      const spec = argv[i].startsWith("--shrink=") ? argv[i].slice("--shrink=".length) : argv[++i];
      const at = spec.lastIndexOf("=");
      if (at < 1 || !Number.isFinite(Number(spec.slice(at + 1)))) throw new Error(`--shrink wants TEXT=BYTES, not ${spec}`);
      o.shrink.push([spec.slice(0, at), Number(spec.slice(at + 1))]);
    } else if (flag === "--brotli" || flag === "--gzip") {
      o.dist = value();
      o.sign = flag === "--brotli" ? 1 : -1;
    } else if (flag.startsWith("--")) throw new Error(`unknown option ${flag} (use --shrink TEXT=BYTES, --brotli DIST, --gzip DIST)`);
    else o.runs.push(argv[i]);
  }
  if (o.runs.length === 0)
    throw new Error("name one or more reports saved with --save-assets (bench-results/logs/lighthouse-<page>-<n>.json)");
  return o;
}

/** Lighthouse 12.2.3 as npx installed it (bench:lighthouse runs it that way). */
function lighthouseDir() {
  const root = path.join(os.homedir(), ".npm", "_npx");
  for (const entry of existsSync(root) ? readdirSync(root) : []) {
    const dir = path.join(root, entry, "node_modules", "lighthouse");
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, "utf8")).version === VERSION) return dir;
  }
  throw new Error(`Lighthouse ${VERSION} is not in npx's cache: run npm run bench:lighthouse once`);
}

const options = parseArgs(process.argv.slice(2));
const LH = lighthouseDir();
const load = (file) => import(pathToFileURL(path.join(LH, file)).href);
const { LanternLargestContentfulPaint } = await load("core/computed/metrics/lantern-largest-contentful-paint.js");
const { LanternFirstContentfulPaint } = await load("core/computed/metrics/lantern-first-contentful-paint.js");
const { defaultSettings } = await load("core/config/constants.js");

const brotliSaving = new Map();
function change(url) {
  let bytes = 0;
  for (const [text, by] of options.shrink) if (url.includes(text)) bytes += by;
  const asset = options.dist && /\/_next\/(static\/[\w\-./~]+\.(?:js|css))$/.exec(url)?.[1];
  if (asset) {
    if (!brotliSaving.has(asset)) {
      const file = path.join(options.dist, asset);
      const body = existsSync(file) ? readFileSync(file) : null;
      if (!body) console.error(`[what-if] ${asset} is not in ${options.dist}: its size is left as recorded`);
      const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY };
      brotliSaving.set(asset, body ? zlib.gzipSync(body).length - zlib.brotliCompressSync(body, { params }).length : 0);
    }
    bytes += options.sign * brotliSaving.get(asset);
  }
  return bytes;
}

async function simulate(report, changed) {
  const base = report.replace(/\.json$/, "");
  const lhr = JSON.parse(readFileSync(report, "utf8"));
  const trace = JSON.parse(readFileSync(`${base}-0.trace.json`, "utf8"));
  const devtoolsLog = JSON.parse(readFileSync(`${base}-0.devtoolslog.json`, "utf8"));
  if (changed) {
    const urls = new Map();
    for (const e of devtoolsLog) if (e.method === "Network.requestWillBeSent") urls.set(e.params.requestId, e.params.request.url);
    for (const e of devtoolsLog)
      if (e.method === "Network.loadingFinished")
        e.params.encodedDataLength = Math.max(0, e.params.encodedDataLength - change(urls.get(e.params.requestId) ?? ""));
  }
  const settings = { ...defaultSettings, formFactor: "mobile", throttlingMethod: "simulate" };
  const URL = { requestedUrl: lhr.requestedUrl, mainDocumentUrl: lhr.finalDisplayedUrl, finalDisplayedUrl: lhr.finalDisplayedUrl };
  const data = { trace, devtoolsLog, gatherContext: { gatherMode: "navigation" }, settings, simulator: null, URL };
  const context = { computedCache: new Map(), settings };
  const lcp = await LanternLargestContentfulPaint.request(data, context);
  const fcp = await LanternFirstContentfulPaint.request(data, context);
  return {
    lcp: Math.round(lcp.timing),
    fcp: Math.round(fcp.timing),
    reported: Math.round(lhr.audits["largest-contentful-paint"].numericValue),
  };
}

for (const report of options.runs) {
  try {
    const before = await simulate(report, false);
    const after = await simulate(report, true);
    console.log(
      `${path.basename(report)}: LCP ${before.lcp} → ${after.lcp} ms (${after.lcp - before.lcp >= 0 ? "+" : ""}${after.lcp - before.lcp}), ` +
        `FCP ${before.fcp} → ${after.fcp} ms; Lighthouse reported LCP ${before.reported} ms`,
    );
  } catch (error) {
    console.log(`${path.basename(report)}: not simulated (${error?.code ?? error?.message ?? error})`);
  }
}
