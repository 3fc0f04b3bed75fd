import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FINAL, nextStatus, type ApplicationStatus, type ApplicationStep, type StepBy } from "./state";

const STATUSES: ApplicationStatus[] = ["APPLIED", "RECOMMENDED", "RETURNED", "APPROVED", "REJECTED"];
const STEPS: ApplicationStep[] = ["recommend", "return", "resubmit", "approve", "reject"];
const BY: StepBy[] = ["office", "admin", "applicant"];

describe("application state machine", () => {
  it("walks the happy path: applied → recommended → approved", () => {
    expect(nextStatus("APPLIED", "recommend", "office")).toBe("RECOMMENDED");
    expect(nextStatus("RECOMMENDED", "approve", "admin")).toBe("APPROVED");
  });

  it("returns with a reason, and the applicant resubmits", () => {
    expect(nextStatus("APPLIED", "return", "office")).toBe("RETURNED");
    expect(nextStatus("RETURNED", "resubmit", "applicant")).toBe("APPLIED");
    expect(nextStatus("RECOMMENDED", "return", "admin")).toBe("RETURNED");
  });

  it("keeps each step to its people", () => {
    expect(nextStatus("RECOMMENDED", "approve", "office")).toBeNull(); // the county never approves
    expect(nextStatus("APPLIED", "approve", "admin")).toBeNull(); // not before the county recommends
    expect(nextStatus("APPLIED", "recommend", "applicant")).toBeNull();
    expect(nextStatus("RETURNED", "resubmit", "office")).toBeNull();
    expect(nextStatus("RECOMMENDED", "return", "office")).toBeNull(); // recommended: the admin's now
    expect(nextStatus("RECOMMENDED", "reject", "office")).toBeNull();
  });

  it("property: approved and rejected are final", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FINAL),
        fc.constantFrom(...STEPS),
        fc.constantFrom(...BY),
        (s, step, by) => nextStatus(s, step, by) === null,
      ),
    );
  });

  it("property: every run of steps from APPLIED stays in the machine and reaches APPROVED only through RECOMMENDED by an admin", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...STEPS), fc.constantFrom(...BY)), { maxLength: 30 }), (steps) => {
        let status: ApplicationStatus = "APPLIED";
        for (const [step, by] of steps) {
          const next = nextStatus(status, step, by);
          if (next === null) continue;
          if (next === "APPROVED" && (status !== "RECOMMENDED" || by !== "admin")) return false;
          if (!STATUSES.includes(next)) return false;
          status = next;
        }
        return true;
      }),
    );
  });
});
