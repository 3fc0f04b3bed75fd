import { describe, expect, it } from "vitest";
import { averageStars, charCount, cleanText, hideInput, replyInput, reviewInput, REVIEW_MAX_CHARS } from "./rules";

describe("review rules", () => {
  it("keeps text as typed, without control characters or bidi overrides", () => {
    expect(cleanText("  好吃\r\n\r\n\r\n\r\n下次还买\u202e<b>x</b>\u0007  ")).toBe("好吃\n\n下次还买<b>x</b>");
  });

  it("counts characters as people do", () => {
    expect(charCount("辣椒🌶")).toBe(3);
  });

  it("checks stars and length", () => {
    expect(reviewInput.safeParse({ orderLineId: "l1", stars: "5", body: "很好" }).success).toBe(true);
    for (const stars of ["0", "6", "4.5", "", "x"]) expect(reviewInput.safeParse({ orderLineId: "l1", stars }).success).toBe(false);
    expect(reviewInput.safeParse({ orderLineId: "l1", stars: 4, body: "好".repeat(REVIEW_MAX_CHARS) }).success).toBe(true);
    const long = reviewInput.safeParse({ orderLineId: "l1", stars: 4, body: "好".repeat(REVIEW_MAX_CHARS + 1) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("reviewTextTooLong");
  });

  it("refuses an empty reply or hiding without a reason", () => {
    expect(replyInput.safeParse({ reviewId: "r", reply: "  \n " }).success).toBe(false);
    expect(hideInput.safeParse({ reviewId: "r", reason: "" }).success).toBe(false);
    expect(hideInput.safeParse({ reviewId: "r", reason: "广告" }).success).toBe(true);
  });

  it("averages to one decimal", () => {
    expect(averageStars(0, 0)).toBeNull();
    expect(averageStars(3, 13)).toBe(4.3);
    expect(averageStars(2, 10)).toBe(5);
  });
});
