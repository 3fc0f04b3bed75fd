import { describe, expect, it } from "vitest";
import { parseLocale, samePageIn } from "./switch";

describe("samePageIn", () => {
  it("keeps the page and its query in the other language", () => {
    expect(samePageIn("en", new URL("http://x/products?category=APPLE"))).toBe("/en/products?category=APPLE");
    expect(samePageIn("zh-CN", new URL("http://x/en/products?category=APPLE"))).toBe("/products?category=APPLE");
    expect(samePageIn("en", new URL("http://x/"))).toBe("/en");
    expect(samePageIn("zh-CN", new URL("http://x/en"))).toBe("/");
    expect(samePageIn("en", new URL("http://x/en/about"))).toBe("/en/about");
  });
  it("goes home without a page to return to, and reads only known languages", () => {
    expect(samePageIn("en", null)).toBe("/en");
    expect(parseLocale("fr")).toBe("zh-CN");
    expect(samePageIn("zh-CN", new URL("http://x/en//evil.example/x"))).toBe("/");
    expect(samePageIn("en", new URL("http://x//evil.example"))).toBe("/en");
    expect(parseLocale("en")).toBe("en");
  });
});
