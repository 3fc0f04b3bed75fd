import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { answerWorks, checkChallenge, issueChallenge, leadingZeroBits, solveChallenge } from "./challenge";

const SECRET = "test-secret";

describe("sign-in challenge", () => {
  it("counts leading zero bits", () => {
    expect(leadingZeroBits(new Uint8Array([0, 0x0f]))).toBe(12);
    expect(leadingZeroBits(new Uint8Array([0x80]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it("accepts a solved challenge for its email, before it expires", () => {
    const now = Date.now();
    const challenge = issueChallenge("a@example.test", SECRET, now, 6);
    const answer = solveChallenge(challenge);
    expect(answerWorks(challenge, answer, 6)).toBe(true);
    expect(leadingZeroBits(createHash("sha256").update(`${challenge}:${answer}`).digest())).toBeGreaterThanOrEqual(6);
    expect(checkChallenge(challenge, answer, "a@example.test", SECRET, now)).toMatchObject({ ok: true });
    // Another email, another secret, later than 5 minutes, a tampered payload, a wrong answer: refused.
    expect(checkChallenge(challenge, answer, "b@example.test", SECRET, now)).toEqual({ ok: false });
    expect(checkChallenge(challenge, answer, "a@example.test", "other", now)).toEqual({ ok: false });
    expect(checkChallenge(challenge, answer, "a@example.test", SECRET, now + 301_000)).toEqual({ ok: false });
    const [payload, sig] = challenge.split(".");
    const easier = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, "base64url").toString()), d: 0 })).toString(
      "base64url",
    );
    expect(checkChallenge(`${easier}.${sig}`, "0", "a@example.test", SECRET, now)).toEqual({ ok: false });
    let wrong = 0;
    while (answerWorks(challenge, `w${wrong}`, 6)) wrong++;
    expect(checkChallenge(challenge, `w${wrong}`, "a@example.test", SECRET, now)).toEqual({ ok: false });
    expect(checkChallenge(undefined, answer, "a@example.test", SECRET, now)).toEqual({ ok: false });
  });
});
