// Buyer organisations' commands (docs/DESIGN.md: buyer organisations, #rule-10): the admin creates,
// edits and disables organisations and attaches their managers, and sets the quota rates; a manager
// declares the canteen budget, removes members and names other managers. Each change writes its
// AuditLog row in the same transaction. Takes a `db`; refusals are ActionErrors keyed under `errors.`.
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { normaliseEmail } from "@/lib/auth/throttle";
import { writeAudit, type AuditAction } from "@/lib/audit/audit";
import { Prisma, type Db } from "@/lib/db/client";
import { ActionError, notFound } from "@/lib/errors";
import type { OrganisationKind, Role } from "@/lib/generated/prisma/enums";
import { shanghaiToday } from "@/lib/time/shanghai";
import { issueInvite } from "@/lib/operators/team";

type Tx = Prisma.TransactionClient;
type Reader = Db | Tx;

/** The calendar year (Asia/Shanghai) a quota and its purchases belong to. */
export function quotaYear(now = new Date()): number {
  return Number(shanghaiToday(now).slice(0, 4));
}

/** Roles that may buy for an organisation (a shopper is made an institutional buyer when attached). */
const BUYER_ROLES: readonly Role[] = ["SHOPPER", "INSTITUTION", "ADMIN"];

export interface OrganisationFields {
  nameZh: string;
  nameEn: string;
  creditCode: string;
  regionId: string;
  hasCanteen: boolean;
  parentUnitId: string | null;
  pairedCountyIds: string[];
}

export interface ManagerFields {
  managerEmail: string;
  /** The new account's name, when no account has this email yet. */
  managerName: string | null;
}

function audit(tx: Tx, actor: Actor, action: AuditAction, entity: string, entityId: string, detail: Prisma.InputJsonValue) {
  return writeAudit(tx, { userId: actor.userId, action, entity, entityId, detail });
}

/** Checks the fields against the kind and the regions; answers what may be stored. */
async function checkedFields(tx: Tx, kind: OrganisationKind, fields: OrganisationFields, selfId: string | null) {
  const region = await tx.region.findUnique({ where: { id: fields.regionId }, select: { level: true } });
  if (!region || (region.level !== "PROVINCE" && region.level !== "CITY" && region.level !== "COUNTY")) {
    throw new ActionError("organisationRegionUnknown");
  }
  let parentUnitId: string | null = null;
  if (kind === "TRADE_UNION" && fields.parentUnitId) {
    const unit = await tx.organisation.findUnique({ where: { id: fields.parentUnitId }, select: { id: true, kind: true } });
    if (!unit || unit.kind !== "BUDGET_UNIT" || unit.id === selfId) throw new ActionError("organisationParentUnknown");
    parentUnitId = unit.id;
  }
  const pairedCountyIds = kind === "PARTNER" ? [...new Set(fields.pairedCountyIds)] : [];
  if (kind === "PARTNER") {
    if (pairedCountyIds.length === 0) throw new ActionError("organisationPairingRequired");
    const counties = await tx.region.count({ where: { id: { in: pairedCountyIds }, level: "COUNTY" } });
    if (counties !== pairedCountyIds.length) throw new ActionError("countyUnknown");
  }
  return {
    nameZh: fields.nameZh,
    nameEn: fields.nameEn,
    creditCode: fields.creditCode,
    regionId: fields.regionId,
    hasCanteen: kind === "BUDGET_UNIT" && fields.hasCanteen,
    parentUnitId,
    pairedCountyIds,
  };
}

function uniqueCreditCode<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new ActionError("organisationCreditCodeTaken");
    throw error;
  });
}

/**
 * Makes the account with this email a manager of the organisation: an existing shopper becomes an
 * institutional buyer; no account yet → one is created (with an unusable random password: the
 * caller mails a password-reset link after the commit). Officers and cooperative managers cannot
 * buy for an organisation.
 */
async function attachManager(
  tx: Tx,
  actor: Actor,
  organisationId: string,
  manager: ManagerFields,
): Promise<{ userId: string; created: boolean }> {
  const email = normaliseEmail(manager.managerEmail);
  let user = await tx.user.findUnique({ where: { email }, select: { id: true, role: true, disabledAt: true } });
  let created = false;
  if (!user) {
    if (!manager.managerName) throw new ActionError("organisationManagerNameRequired");
    const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
    user = await tx.user.create({
      data: { email, name: manager.managerName, role: "INSTITUTION", passwordHash },
      select: { id: true, role: true, disabledAt: true },
    });
    created = true;
    await audit(tx, actor, "user.create", "User", user.id, {
      before: null,
      after: { email, role: "INSTITUTION", countyId: null, disabled: false },
      organisationId,
    });
  } else {
    if (user.disabledAt) throw new ActionError("organisationManagerDisabled");
    if (!BUYER_ROLES.includes(user.role)) throw new ActionError("organisationManagerRoleConflict");
    if (user.role === "SHOPPER") {
      await tx.user.update({ where: { id: user.id }, data: { role: "INSTITUTION" } });
      await audit(tx, actor, "user.role", "User", user.id, {
        before: { role: "SHOPPER" },
        after: { role: "INSTITUTION" },
        organisationId,
      });
    }
  }
  await tx.organisationMember.upsert({
    where: { organisationId_userId: { organisationId, userId: user.id } },
    create: { organisationId, userId: user.id, isManager: true },
    update: { isManager: true },
  });
  await audit(tx, actor, "organisation.manager.add", "Organisation", organisationId, { userId: user.id, email, accountCreated: created });
  return { userId: user.id, created };
}

export async function createOrganisation(
  db: Db,
  actor: Actor,
  input: OrganisationFields & ManagerFields & { kind: OrganisationKind },
): Promise<{ id: string; managerEmail: string; accountCreated: boolean }> {
  const result = await uniqueCreditCode(
    db.$transaction(async (tx) => {
      const fields = await checkedFields(tx, input.kind, input, null);
      const { pairedCountyIds, ...columns } = fields;
      const organisation = await tx.organisation.create({ data: { ...columns, kind: input.kind }, select: { id: true } });
      if (pairedCountyIds.length) {
        await tx.organisationPairing.createMany({
          data: pairedCountyIds.map((countyId) => ({ organisationId: organisation.id, countyId })),
        });
      }
      await audit(tx, actor, "organisation.create", "Organisation", organisation.id, {
        before: null,
        after: { ...fields, kind: input.kind },
      });
      const manager = await attachManager(tx, actor, organisation.id, input);
      return { id: organisation.id, accountCreated: manager.created };
    }),
  );
  return { ...result, managerEmail: normaliseEmail(input.managerEmail) };
}

const snapshot = {
  id: true,
  kind: true,
  nameZh: true,
  nameEn: true,
  creditCode: true,
  regionId: true,
  hasCanteen: true,
  parentUnitId: true,
  disabledAt: true,
  pairings: { select: { countyId: true }, orderBy: { countyId: "asc" } },
} as const;

async function lockedOrganisation(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM "Organisation" WHERE "id" = ${id} FOR UPDATE`;
  const organisation = await tx.organisation.findUnique({ where: { id }, select: snapshot });
  if (!organisation) throw notFound();
  return organisation;
}

const plain = (o: Prisma.OrganisationGetPayload<{ select: typeof snapshot }>) => ({
  nameZh: o.nameZh,
  nameEn: o.nameEn,
  creditCode: o.creditCode,
  regionId: o.regionId,
  hasCanteen: o.hasCanteen,
  parentUnitId: o.parentUnitId,
  pairedCountyIds: o.pairings.map((p) => p.countyId),
  disabled: o.disabledAt !== null,
});

/** Edits an organisation's details (its kind stays: the history of its orders depends on it). */
export async function updateOrganisation(db: Db, actor: Actor, id: string, input: OrganisationFields) {
  return uniqueCreditCode(
    db.$transaction(async (tx) => {
      const before = await lockedOrganisation(tx, id);
      const fields = await checkedFields(tx, before.kind, input, id);
      const { pairedCountyIds, ...columns } = fields;
      // A unit that gets a canteen budget later keeps it; a union's unit must not be a union itself (checked above).
      await tx.organisation.update({ where: { id }, data: columns });
      await tx.organisationPairing.deleteMany({ where: { organisationId: id, countyId: { notIn: pairedCountyIds } } });
      if (pairedCountyIds.length) {
        await tx.organisationPairing.createMany({
          data: pairedCountyIds.map((countyId) => ({ organisationId: id, countyId })),
          skipDuplicates: true,
        });
      }
      const after = await tx.organisation.findUniqueOrThrow({ where: { id }, select: snapshot });
      await audit(tx, actor, "organisation.update", "Organisation", id, { before: plain(before), after: plain(after) });
      return { id };
    }),
  );
}

/** Disables (its members can no longer buy for it or see its page) or re-enables an organisation. */
export async function setOrganisationDisabled(db: Db, actor: Actor, id: string, disabled: boolean) {
  return db.$transaction(async (tx) => {
    const before = await lockedOrganisation(tx, id);
    if ((before.disabledAt !== null) === disabled) return { id, disabled };
    await tx.organisation.update({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    await audit(tx, actor, disabled ? "organisation.disable" : "organisation.enable", "Organisation", id, {
      before: { disabled: !disabled },
      after: { disabled },
    });
    return { id, disabled };
  });
}

/** The admin adds a manager to an existing organisation (an existing account, or a new one). */
export async function addOrganisationManager(db: Db, actor: Actor, organisationId: string, manager: ManagerFields) {
  const result = await db.$transaction(async (tx) => {
    await lockedOrganisation(tx, organisationId);
    return attachManager(tx, actor, organisationId, manager);
  });
  return { ...result, managerEmail: normaliseEmail(manager.managerEmail) };
}

// ---- quota rates ---------------------------------------------------------------------------------

/** Sets the 预留份额 share of a province or city (basis points, 1..10000). */
export async function setQuotaRate(db: Db, actor: Actor, input: { regionId: string; bps: number }) {
  return db.$transaction(async (tx) => {
    const region = await tx.region.findUnique({ where: { id: input.regionId }, select: { level: true } });
    if (!region || (region.level !== "PROVINCE" && region.level !== "CITY")) throw new ActionError("quotaRegionUnknown");
    const before = await tx.quotaRate.findUnique({ where: { regionId: input.regionId }, select: { bps: true } });
    await tx.quotaRate.upsert({ where: { regionId: input.regionId }, create: input, update: { bps: input.bps } });
    await audit(tx, actor, "quotaRate.set", "QuotaRate", input.regionId, { before: before?.bps ?? null, after: input.bps });
    return { regionId: input.regionId, bps: input.bps };
  });
}

/** Removes a region's own rate: the next wider region's rate (or the 10% default) applies again. */
export async function deleteQuotaRate(db: Db, actor: Actor, regionId: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.quotaRate.findUnique({ where: { regionId }, select: { bps: true } });
    if (!before) throw notFound();
    await tx.quotaRate.delete({ where: { regionId } });
    await audit(tx, actor, "quotaRate.delete", "QuotaRate", regionId, { before: before.bps, after: null });
    return { regionId };
  });
}

// ---- a member's and a manager's side --------------------------------------------------------------

export interface ScopedOrganisation {
  id: string;
  kind: OrganisationKind;
  hasCanteen: boolean;
  isManager: boolean;
}

/**
 * The organisation as this actor may act on it: a member (a manager when `manager`), or an admin;
 * anyone else, and everyone for a disabled organisation but the admin, gets "not found".
 */
export async function organisationInScope(db: Reader, actor: Actor, id: string, opts: { manager: boolean }): Promise<ScopedOrganisation> {
  const organisation = await db.organisation.findUnique({
    where: { id },
    select: {
      id: true,
      kind: true,
      hasCanteen: true,
      disabledAt: true,
      members: { where: { userId: actor.userId }, select: { isManager: true } },
    },
  });
  if (!organisation) throw notFound();
  const member = organisation.members[0];
  const isAdmin = actor.role === "ADMIN";
  if (!isAdmin && (!member || organisation.disabledAt || (opts.manager && !member.isManager))) throw notFound();
  return {
    id: organisation.id,
    kind: organisation.kind,
    hasCanteen: organisation.hasCanteen,
    isManager: isAdmin || Boolean(member?.isManager),
  };
}

/** Declares (or corrects) this year's canteen food budget of a budget unit with a canteen. */
export async function declareBudget(db: Db, actor: Actor, organisation: ScopedOrganisation, budgetFen: bigint, now = new Date()) {
  if (organisation.kind !== "BUDGET_UNIT" || !organisation.hasCanteen) throw new ActionError("budgetNoCanteen");
  const year = quotaYear(now);
  return db.$transaction(async (tx) => {
    const key = { organisationId_year: { organisationId: organisation.id, year } };
    const before = await tx.canteenBudget.findUnique({ where: key, select: { budgetFen: true } });
    await tx.canteenBudget.upsert({
      where: key,
      create: { organisationId: organisation.id, year, budgetFen, declaredById: actor.userId, declaredAt: now },
      update: { budgetFen, declaredById: actor.userId, declaredAt: now },
    });
    await audit(tx, actor, "organisation.budget.declare", "Organisation", organisation.id, {
      year,
      before: before ? before.budgetFen.toString() : null,
      after: budgetFen.toString(),
    });
    return { year, budgetFen: budgetFen.toString() };
  });
}

/** Locks the organisation's member rows, so two managers' changes never leave it without a manager. */
async function lockedMembers(tx: Tx, organisationId: string) {
  await tx.$queryRaw`SELECT 1 AS locked FROM "Organisation" WHERE "id" = ${organisationId} FOR UPDATE`;
  return tx.organisationMember.findMany({ where: { organisationId }, select: { userId: true, isManager: true } });
}

/** Removes a member (a manager may remove themself) unless they are its last manager. */
export async function removeMember(db: Db, actor: Actor, organisation: ScopedOrganisation, userId: string) {
  return db.$transaction(async (tx) => {
    const members = await lockedMembers(tx, organisation.id);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw notFound();
    if (target.isManager && members.filter((m) => m.isManager).length === 1) throw new ActionError("organisationLastManager");
    await tx.organisationMember.delete({ where: { organisationId_userId: { organisationId: organisation.id, userId } } });
    await audit(tx, actor, "organisation.member.remove", "Organisation", organisation.id, { userId, wasManager: target.isManager });
    return { userId };
  });
}

/** Makes a member a purchasing manager, or one a plain member again unless they are the last manager. */
export async function setMemberManager(db: Db, actor: Actor, organisation: ScopedOrganisation, userId: string, isManager: boolean) {
  return db.$transaction(async (tx) => {
    const members = await lockedMembers(tx, organisation.id);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw notFound();
    if (target.isManager === isManager) return { userId, isManager };
    if (!isManager && members.filter((m) => m.isManager).length === 1) throw new ActionError("organisationLastManager");
    await tx.organisationMember.update({
      where: { organisationId_userId: { organisationId: organisation.id, userId } },
      data: { isManager },
    });
    await audit(tx, actor, "organisation.member.role", "Organisation", organisation.id, {
      userId,
      before: { isManager: target.isManager },
      after: { isManager },
    });
    return { userId, isManager };
  });
}

/** A manager invites a colleague by email (the operator team's invitations: lib/operators/team.ts). */
export async function inviteMember(db: Db, actor: Actor, organisation: ScopedOrganisation, rawEmail: string) {
  const email = normaliseEmail(rawEmail);
  const member = await db.organisationMember.findFirst({
    where: { organisationId: organisation.id, user: { email } },
    select: { userId: true },
  });
  if (member) throw new ActionError("inviteAlreadyMember", { email });
  const invite = await db.$transaction((tx) => issueInvite(tx, { organisationId: organisation.id }, email, actor.userId));
  return { id: invite.id, email, token: invite.token, expiresAt: invite.expiresAt.toISOString() };
}

/** Withdraws an organisation's unaccepted invitation. */
export async function revokeMemberInvite(db: Db, actor: Actor, organisation: ScopedOrganisation, inviteId: string) {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findFirst({
      where: { id: inviteId, organisationId: organisation.id },
      select: { id: true, email: true, acceptedAt: true },
    });
    if (!invite) throw notFound();
    if (invite.acceptedAt) throw new ActionError("inviteAccepted");
    const deleted = await tx.invite.deleteMany({ where: { id: invite.id, acceptedAt: null } });
    if (deleted.count !== 1) throw new ActionError("inviteAccepted");
    await audit(tx, actor, "invite.revoke", "Invite", invite.id, { organisationId: organisation.id, email: invite.email });
    return { id: invite.id };
  });
}

// ---- checkout --------------------------------------------------------------------------------------

export interface BuyingOrganisation {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: OrganisationKind;
}

/** The organisations this user may buy for at checkout (member of, not disabled). */
export async function buyingOrganisationsOf(db: Reader, userId: string): Promise<BuyingOrganisation[]> {
  const rows = await db.organisationMember.findMany({
    where: { userId, organisation: { disabledAt: null } },
    orderBy: { createdAt: "asc" },
    select: { organisation: { select: { id: true, nameZh: true, nameEn: true, kind: true } } },
  });
  return rows.map((r) => r.organisation);
}

/**
 * The organisation an order is bought for, checked against the buyer's memberships, and the
 * channel it gets (lib/organisations/channel.ts). A non-member or a disabled organisation:
 * organisationNotMember, before anything is written.
 */
export async function checkoutOrganisation(db: Reader, userId: string | null, organisationId: string) {
  if (!userId) throw new ActionError("organisationNotMember");
  const member = await db.organisationMember.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
    select: { organisation: { select: { id: true, kind: true, disabledAt: true, pairings: { select: { countyId: true } } } } },
  });
  if (!member || member.organisation.disabledAt) throw new ActionError("organisationNotMember");
  return {
    id: member.organisation.id,
    kind: member.organisation.kind,
    pairedCountyIds: member.organisation.pairings.map((p) => p.countyId),
  };
}
