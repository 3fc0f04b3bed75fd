// proxy.ts, called as Next calls it: the locale rewrites and redirects, the catalogue's cache key, the
// remembered language and the security headers, for cached pages (headers built once, reused) and
// pages rendered per request (a fresh nonce each time).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { catalogKey } from "@/lib/catalog/filters";
import { pageSettings } from "@/lib/env/env";
import { proxy } from "../proxy";

const BASE = "http://localhost:3000";
const get = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`${BASE}${path}`, { headers }));
const rewrite = (response: Response) => response.headers.get("x-middleware-rewrite");

describe("proxy", () => {
  it("rewrites Chinese pages to the zh-CN segment and English ones to en, keeping the query", () => {
    expect(rewrite(get("/about"))).toBe(`${BASE}/zh-CN/about`);
    expect(rewrite(get("/"))).toBe(`${BASE}/zh-CN`);
    expect(rewrite(get("/en"))).toBe(`${BASE}/en`);
    expect(rewrite(get("/en/products/gangu-apple?tab=reviews"))).toBe(`${BASE}/en/products/gangu-apple?tab=reviews`);
  });

  it("sends the catalogue to one cached page per filter set, the same key however often it is asked", () => {
    const query = "county=620523&category=CHILI&certified=1&q=%E8%BE%A3%E6%A4%92&sort=price_asc";
    const key = catalogKey(new URLSearchParams(query));
    for (let i = 0; i < 3; i++) {
      expect(rewrite(get(`/products?${query}`))).toBe(`${BASE}/zh-CN/catalog/${key}`);
      expect(rewrite(get(`/en/products?${query}`))).toBe(`${BASE}/en/catalog/${key}`);
    }
    // Another order of the same filters is the same page; other filters are another.
    expect(rewrite(get("/products?sort=price_asc&q=%E8%BE%A3%E6%A4%92&certified=1&category=CHILI&county=620523"))).toBe(
      `${BASE}/zh-CN/catalog/${key}`,
    );
    expect(rewrite(get("/products?category=CHILI"))).toBe(`${BASE}/zh-CN/catalog/${catalogKey(new URLSearchParams("category=CHILI"))}`);
    expect(rewrite(get("/products"))).toBe(`${BASE}/zh-CN/catalog/${catalogKey(new URLSearchParams())}`);
    // More query strings than it remembers: each still gets its own key.
    for (let i = 0; i < 1100; i++) {
      const q = `q=word${i}`;
      expect(rewrite(get(`/products?${q}`))).toBe(`${BASE}/zh-CN/catalog/${catalogKey(new URLSearchParams(q))}`);
    }
    expect(rewrite(get(`/products?${query}`))).toBe(`${BASE}/zh-CN/catalog/${key}`);
  });

  it("sends a filter form's empty fields to the canonical address", () => {
    const response = get("/products?county=&category=CHILI&q=");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${BASE}/products?category=CHILI`);
  });

  it("remembers English on an opened English page, not on a background fetch or when already remembered", () => {
    const cookie = get("/en/about").headers.get("set-cookie")!;
    expect(cookie).toMatch(/^NEXT_LOCALE=en; Path=\/; Max-Age=31536000; SameSite=Lax$/);
    expect(get("/en/about", { cookie: "NEXT_LOCALE=en" }).headers.get("set-cookie")).toBeNull();
    expect(get("/en/about", { rsc: "1" }).headers.get("set-cookie")).toBeNull();
    expect(get("/en/about", { "sec-fetch-mode": "cors" }).headers.get("set-cookie")).toBeNull();
    expect(get("/about").headers.get("set-cookie")).toBeNull();
    // Only the language cookie, nothing for Next to hand to the page (no page reads it).
    expect(get("/en/about").headers.get("x-middleware-set-cookie")).toBeNull();
  });

  it("sends a remembered English reader to /en, and /zh-CN back to Chinese, remembering it", () => {
    const toEnglish = get("/products?category=CHILI", { cookie: "NEXT_LOCALE=en" });
    expect(toEnglish.status).toBe(307);
    expect(toEnglish.headers.get("location")).toBe(`${BASE}/en/products?category=CHILI`);
    const back = get("/zh-CN/about", { cookie: "NEXT_LOCALE=en" });
    expect(back.status).toBe(307);
    expect(back.headers.get("location")).toBe(`${BASE}/about`);
    expect(back.headers.get("set-cookie")).toMatch(/^NEXT_LOCALE=zh-CN; Path=\/; Max-Age=31536000; SameSite=Lax$/);
  });

  it("gives cached pages the cached policy and a request id; per-request pages a fresh nonce, passed to Next", () => {
    const cached = [get("/about"), get("/about")];
    for (const response of cached) {
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(response.headers.get("strict-transport-security")).toBeNull();
      expect(response.headers.get("x-middleware-override-headers")).toBeNull();
    }
    expect(cached[0]!.headers.get("x-request-id")).not.toBe(cached[1]!.headers.get("x-request-id"));

    const dynamic = [get("/en/account"), get("/en/account")];
    const nonces = dynamic.map((response) => {
      const csp = response.headers.get("content-security-policy")!;
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it("keeps no Referer from pages whose URL holds a token, and sends HSTS behind an HTTPS proxy, cached pages too", () => {
    expect(get("/orders/abc?token=secret").headers.get("referrer-policy")).toBe("same-origin");
    expect(get("/about").headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(get("/about", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toMatch(/^max-age=/);
    expect(get("/about").headers.get("strict-transport-security")).toBeNull();
    expect(get("/en/about", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security")).toMatch(/^max-age=/);
  });
});

describe("pageSettings", () => {
  it("follows the site URL and mode when they change, and is the same object while they do not", () => {
    const source = { ...process.env, NEXTAUTH_URL: "http://localhost:3000", NODE_ENV: "production" };
    const first = pageSettings(source);
    expect(first).toEqual({ NEXTAUTH_URL: "http://localhost:3000", NODE_ENV: "production" });
    expect(pageSettings(source)).toBe(first);
    source.NEXTAUTH_URL = "https://shop.example.com";
    expect(pageSettings(source).NEXTAUTH_URL).toBe("https://shop.example.com");
    source.NODE_ENV = "development";
    expect(pageSettings(source).NODE_ENV).toBe("development");
    source.NEXTAUTH_URL = "not a url";
    expect(() => pageSettings(source)).toThrow(/NEXTAUTH_URL/);
  });
});
