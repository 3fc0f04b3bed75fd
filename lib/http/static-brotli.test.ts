import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsBrotli, BrotliAssets, brotliAnswer, isBuildAsset, isImmutableAnswer, type PlainAnswer } from "./static-brotli";

const script = Buffer.from("self.TURBOPACK.push(['chunk', function () { return 'react-dom'; }]);\n".repeat(200));
const nextHeaders = [
  "X-Frame-Options",
  "DENY",
  "Content-Security-Policy",
  "default-src 'none'; frame-ancestors 'none'; sandbox",
  "Cache-Control",
  "public, max-age=31536000, immutable",
  "ETag",
  'W/"394a9-1a24e9517c6"',
  "Content-Type",
  "application/javascript; charset=UTF-8",
  "Content-Length",
  String(script.length),
  "Date",
  "Mon, 07 Dec 2026 03:48:49 GMT",
  "Connection",
  "keep-alive",
];
const plain = (extra: Partial<PlainAnswer> = {}): (() => Promise<PlainAnswer>) => {
  return async () => ({ status: 200, rawHeaders: nextHeaders, body: script, ...extra });
};

describe("Brotli for build assets", () => {
  it("takes only the build's scripts and stylesheets", () => {
    expect(isBuildAsset("/_next/static/chunks/0wtjefxa0d2ks.js")).toBe(true);
    expect(isBuildAsset("/_next/static/chunks/28tfwt4-8efo_.css")).toBe(true);
    expect(isBuildAsset("/_next/static/chunks/turbopack-077hmtqrhcoji.js")).toBe(true);
    expect(isBuildAsset("/_next/static/chunks/a.js?v=1")).toBe(false);
    expect(isBuildAsset("/_next/static/../../.env.js")).toBe(false);
    expect(isBuildAsset("/_next/image?url=/a.js")).toBe(false);
    expect(isBuildAsset("/images/products/apple.svg")).toBe(false);
    expect(isBuildAsset("/products/a.js")).toBe(false);
  });

  it("reads Accept-Encoding as browsers send it, q=0 refusing", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsBrotli("br;q=0.5, gzip")).toBe(true);
    expect(acceptsBrotli(["gzip", "br"])).toBe(true);
    expect(acceptsBrotli("gzip, deflate")).toBe(false);
    expect(acceptsBrotli("br;q=0, gzip")).toBe(false);
    expect(acceptsBrotli("brotli")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });

  it("keeps only plain 200s that Next marked immutable and that set no cookie", () => {
    const immutable = { "cache-control": "public, max-age=31536000, immutable" };
    expect(isImmutableAnswer(200, immutable)).toBe(true);
    expect(isImmutableAnswer(404, immutable)).toBe(false);
    expect(isImmutableAnswer(200, { "cache-control": "public, max-age=0" })).toBe(false);
    expect(isImmutableAnswer(200, { ...immutable, "content-encoding": "gzip" })).toBe(false);
    expect(isImmutableAnswer(200, { ...immutable, "set-cookie": "a=b" })).toBe(false);
  });

  it("compresses once, keeps Next's headers but those of the body and the moment, and answers 304 to its ETag", async () => {
    const assets = new BrotliAssets();
    let asked = 0;
    const fetchPlain = async () => {
      asked++;
      return plain()();
    };
    // Two requests at once ask Next once.
    await Promise.all([assets.fill("http /a.js", fetchPlain), assets.fill("http /a.js", fetchPlain)]);
    await assets.fill("http /a.js", fetchPlain);
    expect(asked).toBe(1);
    const asset = assets.get("http /a.js")!;
    expect(brotliDecompressSync(asset.body).equals(script)).toBe(true);
    expect(asset.body.length).toBeLessThan(script.length / 10);
    expect(assets.storedBytes).toBe(asset.body.length);

    const ok = brotliAnswer(asset, undefined);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(asset.body);
    const names = ok.headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names).toEqual([
      "x-frame-options",
      "content-security-policy",
      "cache-control",
      "etag",
      "content-type",
      "vary",
      "content-encoding",
      "content-length",
    ]);
    expect(ok.headers.slice(-6)).toEqual([
      "Vary",
      "Accept-Encoding",
      "Content-Encoding",
      "br",
      "Content-Length",
      String(asset.body.length),
    ]);

    expect(brotliAnswer(asset, 'W/"394a9-1a24e9517c6"').status).toBe(304);
    expect(brotliAnswer(asset, '"other", "394a9-1a24e9517c6"').status).toBe(304);
    expect(brotliAnswer(asset, '"other"').status).toBe(200);
    expect(brotliAnswer(asset, '"other"').headers).toContain("br");
    expect(brotliAnswer(asset, 'W/"394a9-1a24e9517c6"').body).toBeUndefined();
  });

  it("keeps nothing for an answer that is not immutable, a failed request, or past its bytes", async () => {
    const assets = new BrotliAssets(100);
    await assets.fill("http /missing.js", plain({ status: 404 }));
    await assets.fill("http /broken.js", () => Promise.reject(new Error("ECONNRESET")));
    await assets.fill("http /big.js", plain({ body: Buffer.from(Array.from({ length: 5000 }, (_, i) => String(i * 7919)).join(",")) }));
    expect(assets.size).toBe(0);
    // A failed request leaves the asset to be tried again.
    await assets.fill("http /broken.js", plain({ body: Buffer.from("x".repeat(50)) }));
    expect(assets.get("http /broken.js")).toBeDefined();
  });
});
