import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeProblem, isValidCreditCode, normaliseCreditCode } from "./credit-code";

const alphabetChar = fc.constantFrom(...CREDIT_CODE_ALPHABET.split(""));
/** A well-formed first 17 characters: authority, type, six-digit division code, nine-character body. */
const first17 = fc
  .tuple(
    fc.constantFrom(..."123456789ANY".split("")),
    alphabetChar,
    fc.stringMatching(/^[0-9]{6}$/),
    fc.array(alphabetChar, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, t, d, body]) => `${a}${t}${d}${body.join("")}`);
const validCode = first17.map((c) => c + creditCodeCheckChar(c));

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts published codes", () => {
    // The worked example usually cited from the standard.
    for (const code of ["91350100M000100Y43"]) {
      expect(creditCodeProblem(code), code).toBeNull();
    }
  });

  it("refuses a wrong check character, saying so", () => {
    expect(creditCodeProblem("91350100M000100Y44")).toBe("creditCodeCheck");
  });

  it("refuses the wrong length and characters outside the alphabet", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toBe("creditCodeLength");
    expect(creditCodeProblem("91350100M000100Y433")).toBe("creditCodeLength");
    expect(creditCodeProblem("91350100I000100Y43")).toBe("creditCodeCharacters"); // I is not used
    expect(creditCodeProblem("9135O100M000100Y43")).toBe("creditCodeCharacters"); // O is not used
    expect(creditCodeProblem("Z1350100M000100Y43")).toBe("creditCodeCharacters");
    expect(creditCodeProblem("9135A100M000100Y43")).toBe("creditCodeCharacters"); // division code is digits
  });

  it("normalises case, spaces and full-width characters", () => {
    expect(normaliseCreditCode(" 9135 0100-m000 100y43 ")).toBe("91350100M000100Y43");
    expect(normaliseCreditCode("９１３５０１００Ｍ０００１００Ｙ４３")).toBe("91350100M000100Y43");
  });

  it("property: every code built with its check character is valid", () => {
    fc.assert(fc.property(validCode, (code) => isValidCreditCode(code)));
  });

  it("property: changing any one character of a valid code is caught", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), alphabetChar, (code, i, ch) => {
        fc.pre(code[i] !== ch);
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        return !isValidCreditCode(changed);
      }),
    );
  });

  it("property: swapping two different adjacent characters is caught", () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 15 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        return !isValidCreditCode(swapped);
      }),
    );
  });
});
