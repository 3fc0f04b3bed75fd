import { describe, expect, it } from "vitest";
import { PageStore, storedPageHeaders, type StoredPage } from "./page-store";

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
