// 开店申请 (an application to sell), the 832 platform's path: 主体自愿申请 → 县级推荐 → 平台审核.
//
//   APPLIED ──recommend (county office)──▶ RECOMMENDED ──approve (admin)──▶ APPROVED
//      │  ▲                                     │
//      │  └──resubmit (applicant)── RETURNED ◀──┤ return (county office or admin, with a reason)
//      └──return (county office, with a reason)─┘
//                                               └──reject (admin, with a reason)──▶ REJECTED
//
// APPROVED and REJECTED are final. Pure: who may act is checked by the caller (the actions know
// the actor's county and role); this says which step is possible from which state.

export type ApplicationStatus = "APPLIED" | "RECOMMENDED" | "RETURNED" | "APPROVED" | "REJECTED";
export type ApplicationStep = "recommend" | "return" | "resubmit" | "approve" | "reject";
export type StepBy = "office" | "admin" | "applicant";

interface Transition {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  by: readonly StepBy[];
  needsReason: boolean;
}

export const TRANSITIONS: Record<ApplicationStep, Transition> = {
  recommend: { from: ["APPLIED"], to: "RECOMMENDED", by: ["office", "admin"], needsReason: false },
  return: { from: ["APPLIED", "RECOMMENDED"], to: "RETURNED", by: ["office", "admin"], needsReason: true },
  resubmit: { from: ["RETURNED"], to: "APPLIED", by: ["applicant"], needsReason: false },
  approve: { from: ["RECOMMENDED"], to: "APPROVED", by: ["admin"], needsReason: false },
  reject: { from: ["RECOMMENDED"], to: "REJECTED", by: ["admin"], needsReason: true },
};

/** The status after `step`, or null when the step is not possible from `status` for `by`. */
export function nextStatus(status: ApplicationStatus, step: ApplicationStep, by: StepBy): ApplicationStatus | null {
  const t = TRANSITIONS[step];
  if (!t.from.includes(status) || !t.by.includes(by)) return null;
  // The county office can send back only what it has not yet recommended; after that it is the admin's.
  if (step === "return" && status === "RECOMMENDED" && by !== "admin") return null;
  return t.to;
}

export const FINAL: readonly ApplicationStatus[] = ["APPROVED", "REJECTED"];

/** May the applicant change the application's fields? Only while it is sent back to them. */
export function applicantMayEdit(status: ApplicationStatus): boolean {
  return status === "RETURNED";
}
