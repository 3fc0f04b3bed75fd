import { describe, expect, it } from "vitest";
import { PageStore, reusedPageHeaders, storedPageHeaders, type StoredPage } from "./page-store";

const page = (etag: string, bytes: number, extra: Partial<StoredPage> = {}): StoredPage => ({
  etag,
  body: Buffer.alloc(bytes, 97),
  contentType: "text/html; charset=utf-8",
  contentEncoding: undefined,
  vary: "rsc, Accept-Encoding",
  hashes: [],
  ...extra,
});

describe("the page store", () => {
  it("keys a page by its URL and the request headers its answer varies on", () => {
    const plain = PageStore.keyOf("/products?q=辣椒", { host: "a", "user-agent": "x", cookie: "k=v" });
    expect(PageStore.keyOf("/products?q=辣椒", { host: "b", "user-agent": "y" })).toBe(plain);
    expect(PageStore.keyOf("/products?q=辣椒", { "accept-encoding": "gzip" })).not.toBe(plain);
    expect(PageStore.keyOf("/products?q=辣椒", { rsc: "1" })).not.toBe(plain);
    expect(PageStore.keyOf("/products?q=辣椒", { "next-router-prefetch": "1" })).not.toBe(plain);
    expect(PageStore.keyOf("/en/products?q=辣椒", {})).not.toBe(plain);
    // The remembered language decides whether / is the Chinese page or a redirect to /en.
    expect(PageStore.keyOf("/products?q=辣椒", { cookie: "NEXT_LOCALE=en" })).not.toBe(plain);
    expect(PageStore.keyOf("/products?q=辣椒", { cookie: "a=1; NEXT_LOCALE=en; b=2" })).toBe(
      PageStore.keyOf("/products?q=辣椒", { cookie: "NEXT_LOCALE=en" }),
    );
    expect(PageStore.keyOf("/products?q=辣椒", { cookie: "XNEXT_LOCALE=en" })).toBe(plain);
    // Over HTTPS the answer carries HSTS.
    expect(PageStore.keyOf("/products?q=辣椒", { "x-forwarded-proto": "https" })).not.toBe(plain);
  });

  it("sends a page again without asking Next only within the moment after Next confirmed it, and never to or from a session", () => {
    const store = new PageStore();
    const anonymous = { cookie: "NEXT_LOCALE=zh-CN" };
    const signedIn = { cookie: "NEXT_LOCALE=zh-CN; __Secure-next-auth.session-token=abc" };
    const sent = ["ETag", '"e1"', "x-request-id", "r1", "Date", "Mon, 07 Dec 2026 03:00:00 GMT"];
    const a = page('"e1"', 10);
    store.set("k", a);
    expect(store.reusable("k", anonymous, 1000, 1000)).toBeUndefined(); // never confirmed
    store.confirm(a, signedIn, sent, 1000); // a signed-in request's answer is not reused
    expect(store.reusable("k", anonymous, 1000, 1000)).toBeUndefined();
    store.confirm(a, anonymous, [...sent, "Set-Cookie", "NEXT_LOCALE=en"], 1000); // nor one that sets a cookie
    expect(store.reusable("k", anonymous, 1000, 1000)).toBeUndefined();
    store.confirm(a, anonymous, sent, 1000);
    expect(store.reusable("k", anonymous, 2000, 1000)).toBe(a);
    expect(store.reusable("k", {}, 1500, 1000)).toBe(a);
    expect(store.reusable("k", anonymous, 2001, 1000)).toBeUndefined(); // the moment is over
    expect(store.reusable("k", signedIn, 1500, 1000)).toBeUndefined(); // a session is always asked for
    expect(store.reusable("k", { cookie: "next-auth.session-token.0=x" }, 1500, 1000)).toBeUndefined();
    expect(store.reusable("k", anonymous, 1500, 0)).toBeUndefined(); // PAGE_REUSE_MS=0: off
    store.set("k", page('"e2"', 10)); // a new body is not confirmed until Next says so
    expect(store.reusable("k", anonymous, 1500, 1000)).toBeUndefined();
    expect(reusedPageHeaders(sent, "r2", "Mon, 07 Dec 2026 03:00:01 GMT")).toEqual([
      "ETag",
      '"e1"',
      "x-request-id",
      "r2",
      "Date",
      "Mon, 07 Dec 2026 03:00:01 GMT",
    ]);
    expect(sent[3]).toBe("r1"); // the confirmed headers are not changed
  });

  it("replaces a page, and keeps within its bytes by dropping the page used longest ago", () => {
    const store = new PageStore(300, 200);
    store.set("a", page('"a1"', 100));
    store.set("a", page('"a2"', 100));
    expect(store.get("a")?.etag).toBe('"a2"');
    expect(store.storedBytes).toBe(100);
    store.set("b", page('"b"', 100));
    store.set("c", page('"c"', 100));
    store.get("a"); // used: b is now the oldest
    store.set("d", page('"d"', 100));
    expect(store.get("b")).toBeUndefined();
    expect([store.get("a"), store.get("c"), store.get("d")].map((p) => p?.etag)).toEqual(['"a2"', '"c"', '"d"']);
    expect(store.storedBytes).toBe(300);
    // A page bigger than a page may be is not kept (and the old one for that key goes).
    store.set("a", page('"big"', 201));
    expect(store.get("a")).toBeUndefined();
    expect(store.storedBytes).toBe(200);
    store.delete("c");
    expect(store.size).toBe(1);
    expect(store.storedBytes).toBe(100);
  });

  it("answers with Next's headers of this request and the stored body's type, encoding and length", () => {
    const raw = [
      "content-security-policy",
      "script-src 'self' 'unsafe-inline'",
      "x-request-id",
      "req-2",
      "set-cookie",
      "NEXT_LOCALE=en; Path=/",
      "ETag",
      '"e1"',
      "Cache-Control",
      "s-maxage=300",
      "Vary",
      "rsc",
      "Content-Length",
      "0",
      "Transfer-Encoding",
      "chunked",
    ];
    const stored = page('"e1"', 42, { contentEncoding: "gzip" });
    const headers = storedPageHeaders(raw, stored, "script-src 'self' 'sha256-x'");
    const pairs = Object.fromEntries(
      Array.from({ length: headers.length / 2 }, (_, i) => [headers[2 * i]!.toLowerCase(), headers[2 * i + 1]]),
    );
    expect(pairs).toEqual({
      "content-security-policy": "script-src 'self' 'sha256-x'",
      "x-request-id": "req-2",
      "set-cookie": "NEXT_LOCALE=en; Path=/",
      etag: '"e1"',
      "cache-control": "s-maxage=300",
      vary: "rsc, Accept-Encoding",
      "content-type": "text/html; charset=utf-8",
      "content-encoding": "gzip",
      "content-length": "42",
    });
    expect(storedPageHeaders(raw, stored, undefined)).toContain("script-src 'self' 'unsafe-inline'");
  });
});
