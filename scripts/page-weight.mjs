// What a storefront page makes a phone download and run, in figures the machine's load does not
// distort (unlike Lighthouse's TBT):  node scripts/page-weight.mjs http://localhost:3200 [path ...]
// For each page, loaded in Debian's Chromium at 375 px: every script it loads with its size on the
// wire and unpacked, the HTML's size and how much of it is the inline RSC payload (the page's
// content sent a second time, for hydration), the client modules the payload references, the
// images loaded eagerly, and the largest-contentful-paint element. JSON=1 prints JSON instead.
import { chromium } from "@playwright/test";
import { gzipSync } from "node:zlib";

const [base = "http://localhost:3200", ...args] = process.argv.slice(2);
const paths = args.length ? args : ["/", "/products", "/products?county=620523&category=CHILI&q=甘谷 辣椒", "/en"];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const results = [];
for (const path of paths) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true });
  const page = await context.newPage();
  const scripts = [];
  let prefetches = 0;
  // Links in view are prefetched (RSC requests) once the page is idle: work and traffic too.
  page.on("request", (req) => {
    if (req.headers()["rsc"] === "1" || req.url().includes("_rsc=")) prefetches++;
  });
  page.on("response", async (res) => {
    if (res.request().resourceType() !== "script") return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    scripts.push({ url: res.url().replace(base, ""), bytes: body.length, gzip: gzipSync(body).length });
  });
  await page.addInitScript(() => {
    window.__lcp = null;
    new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      if (last?.element)
        window.__lcp = { tag: last.element.tagName, text: last.element.outerHTML.slice(0, 160), ms: Math.round(last.startTime) };
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  const html = await response.text();
  // The RSC payload rides in <script>self.__next_f.push([1,"…"])</script> tags.
  const flight = [...html.matchAll(/<script>self\.__next_f\.push\((.*?)\)<\/script>/gs)].map((m) => m[1]).join("");
  const clientModules = new Set([...flight.matchAll(/\\n([0-9a-f]+):I\[/g)].map((m) => m[1])).size;
  const info = await page.evaluate(() => ({
    lcp: window.__lcp,
    eagerImages: [...document.images]
      .filter((i) => i.loading !== "lazy")
      .map((i) => ({ src: i.currentSrc.replace(location.origin, "").slice(0, 60), priority: i.fetchPriority, sizes: i.sizes })),
  }));
  await page.waitForTimeout(1500);
  scripts.sort((a, b) => b.bytes - a.bytes);
  const r = {
    path,
    html: html.length,
    htmlGzip: gzipSync(html).length,
    flight: flight.length,
    clientModules,
    scripts,
    prefetches,
    jsBytes: scripts.reduce((s, x) => s + x.bytes, 0),
    jsGzip: scripts.reduce((s, x) => s + x.gzip, 0),
    ...info,
  };
  results.push(r);
  await context.close();
}
await browser.close();

if (process.env.JSON === "1") console.log(JSON.stringify(results, null, 2));
else
  for (const r of results) {
    console.log(`\n## ${r.path}`);
    console.log(
      `HTML ${kb(r.html)} (gzip ${kb(r.htmlGzip)}), of which inline RSC payload ${kb(r.flight)}; client modules referenced: ${r.clientModules}`,
    );
    console.log(`JS: ${r.scripts.length} scripts, ${kb(r.jsBytes)} (gzip ${kb(r.jsGzip)}); RSC prefetch requests: ${r.prefetches}`);
    for (const s of r.scripts) console.log(`  ${kb(s.bytes).padStart(9)}  gzip ${kb(s.gzip).padStart(8)}  ${s.url}`);
    console.log(`LCP: ${r.lcp ? `${r.lcp.tag} at ${r.lcp.ms} ms: ${r.lcp.text}` : "none"}`);
    console.log(`eager images: ${r.eagerImages.map((i) => `${i.src} [${i.priority}; sizes=${i.sizes || "-"}]`).join(", ") || "none"}`);
  }
