import { describe, it, expect } from "vitest";
import { hashPassword, needsRehash, verifyPassword } from "./password";

describe("password hashing", () => {
  it("writes scrypt$N$r$p$salt$hash with the chosen parameters", async () => {
    const stored = await hashPassword("Demo-2026-shop");
    const parts = stored.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", String(2 ** 15), "8", "1"]);
    expect(Buffer.from(parts[4]!, "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5]!, "base64")).toHaveLength(64);
    expect(stored).not.toContain("Demo-2026-shop");
    expect(needsRehash(stored)).toBe(false);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("Demo-2026-shop");
    expect(await verifyPassword("Demo-2026-shop", stored)).toBe(true);
    expect(await verifyPassword("Demo-2026-shoP", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("handles non-ASCII passwords", async () => {
    const stored = await hashPassword("小康集市-密码");
    expect(await verifyPassword("小康集市-密码", stored)).toBe(true);
    expect(await verifyPassword("小康集市-密碼", stored)).toBe(false);
  });

  it("refuses malformed or tampered stored hashes without throwing", async () => {
    const stored = await hashPassword("secret");
    const parts = stored.split("$");
    expect(await verifyPassword("secret", "")).toBe(false);
    expect(await verifyPassword("secret", "bcrypt$2b$10$abc")).toBe(false);
    expect(await verifyPassword("secret", ["scrypt", "1000", ...parts.slice(2)].join("$"))).toBe(false); // N not a power of two
    expect(await verifyPassword("secret", ["scrypt", String(2 ** 30), ...parts.slice(2)].join("$"))).toBe(false); // too costly
    const hash = Buffer.from(parts[5]!, "base64");
    hash[0] = hash[0]! ^ 1;
    expect(await verifyPassword("secret", [...parts.slice(0, 5), hash.toString("base64")].join("$"))).toBe(false);
    expect(needsRehash("scrypt$16384$8$1$x$y")).toBe(true);
  });

  it("refuses an empty password when hashing", async () => {
    await expect(hashPassword("")).rejects.toThrow();
  });
});
