import { describe, it, expect } from "vitest";
import {
  decryptResidentId,
  deriveHouseholdKeys,
  encryptResidentId,
  hashResidentId,
  householdKeys,
  isValidResidentId,
  makeResidentIdCheckDigit,
  maskResidentId,
  normalizeResidentId,
} from "./id-number";

const KEY_HEX = "0123456789abcdef".repeat(4);
const OTHER_HEX = "fedcba9876543210".repeat(4);
const KNOWN = "11010519491231002X"; // the standard's worked example

describe("check digit and validation", () => {
  it("computes the GB 11643 check character", () => {
    expect(makeResidentIdCheckDigit("11010519491231002")).toBe("X");
    // Every digit position matters: a ten-digit sweep finds each check character.
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(makeResidentIdCheckDigit(`62052319900101${String(i).padStart(3, "0")}`));
    expect(seen.size).toBe(11);
  });

  it("rejects a malformed prefix", () => {
    expect(() => makeResidentIdCheckDigit("1234")).toThrow(RangeError);
    expect(() => makeResidentIdCheckDigit("1101051949123100X")).toThrow(RangeError);
  });

  it("accepts a known valid ID, in any case and with whitespace", () => {
    expect(isValidResidentId(KNOWN)).toBe(true);
    expect(isValidResidentId(" 11010519491231002x ")).toBe(true);
  });

  it("accepts an ID built with makeResidentIdCheckDigit", () => {
    const first17 = "62052319850615123";
    expect(isValidResidentId(first17 + makeResidentIdCheckDigit(first17))).toBe(true);
  });

  it("refuses a wrong check digit", () => {
    for (const wrong of "0123456789") expect(isValidResidentId(`11010519491231002${wrong}`)).toBe(false);
    const first17 = "62072119760203004";
    const right = makeResidentIdCheckDigit(first17);
    const wrong = right === "1" ? "2" : "1";
    expect(isValidResidentId(first17 + wrong)).toBe(false);
  });

  it("refuses a transposed digit", () => {
    expect(isValidResidentId("11010519491231020X")).toBe(false);
  });

  it("refuses bad length, letters, and impossible birth dates", () => {
    expect(isValidResidentId("")).toBe(false);
    expect(isValidResidentId("11010519491231002")).toBe(false);
    expect(isValidResidentId("11010519491231002X1")).toBe(false);
    expect(isValidResidentId("1101051949123100AX")).toBe(false);
    const feb30 = "62052319900230123";
    expect(isValidResidentId(feb30 + makeResidentIdCheckDigit(feb30))).toBe(false);
    const month13 = "62052319901301123";
    expect(isValidResidentId(month13 + makeResidentIdCheckDigit(month13))).toBe(false);
  });
});

describe("maskResidentId", () => {
  it("keeps the first four and last four characters", () => {
    expect(maskResidentId("620523199001011234")).toBe("6205**********1234");
    expect(maskResidentId(KNOWN)).toBe("1101**********002X");
    expect(maskResidentId(" 11010519491231002x")).toBe("1101**********002X");
  });

  it("has exactly ten asterisks and 18 characters", () => {
    const masked = maskResidentId(KNOWN);
    expect(masked).toHaveLength(18);
    expect(masked.match(/\*/g)).toHaveLength(10);
    expect(masked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
  });

  it("refuses input that is not 18 characters", () => {
    expect(() => maskResidentId("12345")).toThrow(RangeError);
  });
});

describe("encryption", () => {
  const keys = deriveHouseholdKeys(KEY_HEX);

  it("round-trips and normalises", () => {
    const cipher = encryptResidentId(KNOWN, keys.encKey);
    expect(decryptResidentId(cipher, keys.encKey)).toBe(KNOWN);
    expect(decryptResidentId(encryptResidentId(" 11010519491231002x", keys.encKey), keys.encKey)).toBe(KNOWN);
  });

  it("writes the v1:iv:tag:ciphertext format with a fresh IV each time", () => {
    const a = encryptResidentId(KNOWN, keys.encKey);
    const b = encryptResidentId(KNOWN, keys.encKey);
    expect(a).not.toBe(b);
    const [version, iv, tag, data] = a.split(":");
    expect(version).toBe("v1");
    expect(Buffer.from(iv!, "base64")).toHaveLength(12);
    expect(Buffer.from(tag!, "base64")).toHaveLength(16);
    expect(Buffer.from(data!, "base64")).toHaveLength(18);
    expect(a).not.toContain(KNOWN);
  });

  it("detects tampering with the ciphertext, tag or IV", () => {
    const cipher = encryptResidentId(KNOWN, keys.encKey);
    const [version, iv, tag, data] = cipher.split(":") as [string, string, string, string];
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[0] = bytes[0]! ^ 0x01;
      return bytes.toString("base64");
    };
    expect(() => decryptResidentId([version, iv, tag, flip(data)].join(":"), keys.encKey)).toThrow(/authentication/);
    expect(() => decryptResidentId([version, iv, flip(tag), data].join(":"), keys.encKey)).toThrow(/authentication/);
    expect(() => decryptResidentId([version, flip(iv), tag, data].join(":"), keys.encKey)).toThrow(/authentication/);
  });

  it("refuses another key and malformed text", () => {
    const cipher = encryptResidentId(KNOWN, keys.encKey);
    const other = deriveHouseholdKeys(OTHER_HEX);
    expect(() => decryptResidentId(cipher, other.encKey)).toThrow(/authentication/);
    expect(() => decryptResidentId("v2:" + cipher.slice(3), keys.encKey)).toThrow(/v1/);
    expect(() => decryptResidentId("garbage", keys.encKey)).toThrow();
    expect(() => encryptResidentId(KNOWN, Buffer.alloc(16))).toThrow(RangeError);
  });
});

describe("hashResidentId", () => {
  const keys = deriveHouseholdKeys(KEY_HEX);

  it("is a stable HMAC-SHA256 hex digest of the normalised ID", () => {
    const h = hashResidentId(KNOWN, keys.macKey);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashResidentId(" 11010519491231002x ", keys.macKey)).toBe(h);
  });

  it("depends on the key and the ID", () => {
    const h = hashResidentId(KNOWN, keys.macKey);
    expect(hashResidentId(KNOWN, deriveHouseholdKeys(OTHER_HEX).macKey)).not.toBe(h);
    expect(hashResidentId("620523199001011234", keys.macKey)).not.toBe(h);
  });

  it("uses a key separate from the encryption key", () => {
    expect(keys.encKey.equals(keys.macKey)).toBe(false);
  });
});

describe("householdKeys", () => {
  it("reads HOUSEHOLD_ID_KEY", () => {
    const keys = householdKeys({ HOUSEHOLD_ID_KEY: KEY_HEX });
    expect(keys.encKey).toHaveLength(32);
    expect(keys.macKey).toHaveLength(32);
    expect(keys.encKey.equals(deriveHouseholdKeys(KEY_HEX).encKey)).toBe(true);
  });

  it("throws a clear error when missing or malformed", () => {
    expect(() => householdKeys({})).toThrow(/HOUSEHOLD_ID_KEY is not set/);
    expect(() => householdKeys({ HOUSEHOLD_ID_KEY: "" })).toThrow(/HOUSEHOLD_ID_KEY is not set/);
    expect(() => householdKeys({ HOUSEHOLD_ID_KEY: "abc" })).toThrow(/64 hexadecimal/);
    expect(() => householdKeys({ HOUSEHOLD_ID_KEY: "g".repeat(64) })).toThrow(/64 hexadecimal/);
  });

  it("normalises before use", () => {
    expect(normalizeResidentId(" 11010519491231002x\n")).toBe(KNOWN);
  });
});
