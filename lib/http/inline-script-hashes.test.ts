import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  inlineScriptHashes,
  isNextDataScript,
  mayBePage,
  needsScriptHashes,
  ScriptHashCache,
  withScriptHashes,
} from "./inline-script-hashes";
import { newNonce, pageCsp } from "./security-headers";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("inline script hashes for cached pages", () => {
  it("hashes exactly the data scripts Next writes, and nothing else", () => {
    const bootstrap = "(self.__next_f=self.__next_f||[]).push([0])";
    const data = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[\\"x\\",[]]\\n 小康集市"])';
    const form = "self.__next_f.push([2,null])";
    const injected = "alert(document.cookie)";
    const disguised = 'self.__next_f.push([1,"x"]);fetch("/steal")';
    const callInside = "self.__next_f.push([1,alert(1)])";
    const chunks =
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/0en5xt4c1c0-t.js","static/chunks/a.css"],"runtimeModuleIds":[186008,42]});';
    const foreignChunk = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["//evil.example/x.js"]})';
    const html = [
      "<!DOCTYPE html><html><head>",
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      `<script id="_R_">${chunks}</script>`,
      `<script>${foreignChunk}</script>`,
      `<script>${bootstrap}</script>`,
      '<script type="application/ld+json">{"@type":"Product"}</script>',
      "</head><body>",
      `<script>${data}</script><script>${data}</script>`,
      `<script nonce="x">${form}</script>`,
      `<script>${injected}</script>`,
      `<script type="text/javascript">${disguised}</script>`,
      `<SCRIPT>${callInside}</SCRIPT>`,
      `<script type="module">${injected}</script>`,
      "</body></html>",
    ].join("");
    const found = inlineScriptHashes(html);
    expect(found.hashes).toEqual([sha(chunks), sha(bootstrap), sha(data), sha(form)]);
    expect(found.refused).toBe(5);
    expect(inlineScriptHashes("<html><body>no scripts</body></html>")).toEqual({ hashes: [], refused: 0 });
  });

  it("accepts only a push of one literal array of data", () => {
    expect(isNextDataScript('self.__next_f.push([1,"a"])')).toBe(true);
    expect(isNextDataScript('self.__next_f.push([3,"YQ=="])')).toBe(true);
    expect(isNextDataScript("self.__next_f.push([])")).toBe(false);
    expect(isNextDataScript('self.__next_f.push({"a":1})')).toBe(false);
    expect(isNextDataScript('self.__next_f.push([1,{"a":1}])')).toBe(false);
    expect(isNextDataScript('self.__next_f.push([1,"a"]),alert(1)')).toBe(false);
    expect(isNextDataScript('self.__next_f.push([1,"a"]) ')).toBe(false);
    expect(isNextDataScript('self.__next_f.push([1,"a"]);')).toBe(true);
    expect(isNextDataScript('self.__next_f.push([1,"a"]);;')).toBe(false);
    expect(isNextDataScript('window.__next_f.push([1,"a"])')).toBe(false);
    const turbopack = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(';
    expect(isNextDataScript(`${turbopack}{"otherChunks":["static/chunks/x.js"]})`)).toBe(true);
    expect(isNextDataScript(`${turbopack}{"otherChunks":["static/chunks/../../api/x"]})`)).toBe(false);
    expect(isNextDataScript(`${turbopack}{"otherChunks":[],"evil":1})`)).toBe(false);
    expect(isNextDataScript(`${turbopack}{})`)).toBe(false);
    expect(isNextDataScript(`${turbopack}[1])`)).toBe(false);
  });

  it("replaces the cached-page script policy with 'self' and the hashes, never 'unsafe-inline'", () => {
    const cached = pageCsp({ nonce: null, https: true });
    expect(needsScriptHashes(cached)).toBe(true);
    expect(needsScriptHashes(pageCsp({ nonce: newNonce(), https: false }))).toBe(false);
    expect(needsScriptHashes("default-src 'none'; frame-ancestors 'none'; sandbox")).toBe(false);
    expect(needsScriptHashes(undefined)).toBe(false);

    const strict = withScriptHashes(cached, ["'sha256-AAA='", "'sha256-BBB='"]);
    expect(strict).toContain("script-src 'self' 'sha256-AAA=' 'sha256-BBB='; ");
    expect(strict).not.toContain("unsafe-inline' 'sha");
    expect(/script-src[^;]*unsafe-inline/.test(strict)).toBe(false);
    // Everything else is kept as it was.
    expect(strict.replace(/script-src[^;]*/, "")).toBe(cached.replace(/script-src[^;]*/, ""));
    expect(withScriptHashes(cached, [])).toContain("script-src 'self'; ");
    expect(withScriptHashes(pageCsp({ nonce: null, https: false, dev: true }), ["'sha256-A='"])).toContain(
      "script-src 'self' 'sha256-A=' 'unsafe-eval'",
    );
    expect(withScriptHashes("default-src 'self'", [])).toBe("default-src 'self'; script-src 'self'");
  });

  it("tells pages from files and API routes, as proxy.ts's matcher does", () => {
    for (const url of ["/", "/en", "/products?county=620523", "/products/gangu-apple", "/live/live-1a2b", "/en/about"])
      expect(mayBePage(url), url).toBe(true);
    for (const url of [
      "/api/health",
      "/_next/static/chunks/a.js",
      "/images/products/x.svg",
      "/uploads/a",
      "/favicon.ico",
      "/robots.txt?x=1",
    ])
      expect(mayBePage(url), url).toBe(false);
  });

  it("remembers hashes by ETag, dropping the oldest beyond its size", () => {
    const cache = new ScriptHashCache(2);
    cache.set('"a"', ["'sha256-A='"]);
    cache.set('"b"', []);
    expect(cache.get('"a"')).toEqual(["'sha256-A='"]);
    cache.set('"a"', ["'sha256-A2='"]); // refreshed: now the newest
    cache.set('"c"', []);
    expect(cache.get('"b"')).toBeUndefined();
    expect(cache.get('"a"')).toEqual(["'sha256-A2='"]);
    expect(cache.get(undefined)).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
