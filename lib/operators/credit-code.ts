// 统一社会信用代码 (unified social credit code), GB 32100-2015. Pure.
//
// 18 characters from a 31-character alphabet (digits and capital letters without I, O, Z, S, V):
//   1     registration authority (登记管理部门代码): 1-9, A, N, Y
//   2     organisation type (机构类别代码)
//   3-8   administrative division code of the registering office (6 digits)
//   9-17  organisation code (主体标识码)
//   18    check character: C18 = 31 − (Σ Ci·Wi mod 31), Wi = 3^(i−1) mod 31, with 31 written as 0.
// People type codes in lower case and with spaces; normaliseCreditCode tidies that up first.

export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const REGISTRATION_AUTHORITIES = "123456789ANY";

export type CreditCodeProblem = "creditCodeLength" | "creditCodeCharacters" | "creditCodeCheck";

/** Upper case, spaces and dashes removed, full-width letters and digits made half-width. */
export function normaliseCreditCode(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s-]/gu, "").toUpperCase();
}

/** The check character of the first 17 characters (all in the alphabet). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error("creditCodeCheckChar needs 17 characters");
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

/** Why a (normalised) code is not a valid credit code, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return "creditCodeLength";
  for (const ch of code) if (!CREDIT_CODE_ALPHABET.includes(ch)) return "creditCodeCharacters";
  if (!REGISTRATION_AUTHORITIES.includes(code[0]!) || !/^[0-9]{6}$/u.test(code.slice(2, 8))) return "creditCodeCharacters";
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return "creditCodeCheck";
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}
