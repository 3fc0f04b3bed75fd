"use server";
// The admin's synonym table (/admin/search-synonyms): save a group (new or edited) or delete one.
// Admins only; each change is audited and re-renders the storefront's search at once.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { writeAudit } from "@/lib/audit/audit";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { ActionError, notFound } from "@/lib/errors";
import { MAX_GROUPS, synonymGroupSchema } from "./synonyms";

const ADMINS = ["ADMIN"] as const;

export const saveSynonymGroup = defineAction({
  name: "search.synonyms.save",
  input: synonymGroupSchema,
  allow: ADMINS,
  async run({ actor }, input) {
    const saved = await db.$transaction(async (tx) => {
      if (input.id) {
        const found = await tx.searchSynonym.findUnique({ where: { id: input.id }, select: { words: true } });
        if (!found) throw notFound();
        const row = await tx.searchSynonym.update({ where: { id: input.id }, data: { words: input.words }, select: { id: true } });
        await writeAudit(tx, {
          userId: actor.userId,
          action: "search.synonyms.save",
          entity: "SearchSynonym",
          entityId: row.id,
          detail: { from: found.words, to: input.words },
        });
        return row;
      }
      if ((await tx.searchSynonym.count()) >= MAX_GROUPS) throw new ActionError("invalidInput");
      const row = await tx.searchSynonym.create({ data: { words: input.words }, select: { id: true } });
      await writeAudit(tx, {
        userId: actor.userId,
        action: "search.synonyms.save",
        entity: "SearchSynonym",
        entityId: row.id,
        detail: { to: input.words },
      });
      return row;
    });
    catalogChanged();
    return { id: saved.id, words: input.words };
  },
});

export const deleteSynonymGroup = defineAction({
  name: "search.synonyms.delete",
  input: z.object({ id: z.string().min(1).max(64) }),
  allow: ADMINS,
  async run({ actor }, input) {
    await db.$transaction(async (tx) => {
      const found = await tx.searchSynonym.findUnique({ where: { id: input.id }, select: { words: true } });
      if (!found) throw notFound();
      await tx.searchSynonym.delete({ where: { id: input.id } });
      await writeAudit(tx, {
        userId: actor.userId,
        action: "search.synonyms.delete",
        entity: "SearchSynonym",
        entityId: input.id,
        detail: { words: found.words },
      });
    });
    catalogChanged();
    return { id: input.id };
  },
});
