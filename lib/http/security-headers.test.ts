import { describe, expect, it } from "vitest";
import {
  commonHeaders,
  isDynamicPage,
  newNonce,
  pageCsp,
  pageHeaders,
  RESOURCE_CSP,
  servedOverHttps,
  unlocalized,
} from "./security-headers";

describe("security headers", () => {
  it("gives pages rendered per request a nonce with strict-dynamic, and cached pages a policy without one; never eval", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const dynamic = pageCsp({ nonce, https: false });
    expect(dynamic).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(dynamic).not.toContain("unsafe-inline' 'nonce");
    const cached = pageCsp({ nonce: null, https: false });
    expect(cached).toContain("script-src 'self' 'unsafe-inline'");
    for (const csp of [dynamic, cached]) {
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).not.toContain("upgrade-insecure-requests");
    }
    expect(pageCsp({ nonce, https: true })).toContain("upgrade-insecure-requests");
    expect(pageCsp({ nonce: null, https: false, dev: true })).toContain("'unsafe-eval'");
    expect(RESOURCE_CSP).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
  });

  it("knows which pages are rendered per request, in either language", () => {
    for (const p of [
      "/account",
      "/en/account/orders",
      "/office/households/x",
      "/coop/a",
      "/checkout",
      "/orders/XK1",
      "/cart",
      "/admin/security",
      "/invite/t",
    ])
      expect(isDynamicPage(p), p).toBe(true);
    for (const p of ["/", "/en", "/products/x", "/en/catalog/k", "/about", "/signin", "/officex", "/operators/a"])
      expect(isDynamicPage(p), p).toBe(false);
    expect(unlocalized("/en")).toBe("/");
    expect(unlocalized("/en/cart")).toBe("/cart");
    expect(unlocalized("/zh-CN/cart")).toBe("/cart");
    expect(unlocalized("/english")).toBe("/english");
  });

  it("sends the common headers everywhere, HSTS only over HTTPS, and no Referer from pages with tokens", () => {
    expect(commonHeaders(false)).toEqual({
      "x-content-type-options": "nosniff",
      "x-frame-options": "DENY",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy": expect.stringContaining("camera=()"),
      "cross-origin-opener-policy": "same-origin",
    });
    expect(commonHeaders(true)["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(pageHeaders("/orders/XK123", { nonce: "n", https: false })["referrer-policy"]).toBe("same-origin");
    expect(pageHeaders("/en/invite/abc", { nonce: "n", https: false })["referrer-policy"]).toBe("same-origin");
    expect(pageHeaders("/products/x", { nonce: null, https: false })["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(servedOverHttps("https://shop.example", "http")).toBe(true);
    expect(servedOverHttps(undefined, "https")).toBe(true);
    expect(servedOverHttps(undefined, "http:")).toBe(false);
  });
});
