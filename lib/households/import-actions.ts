"use server";
// The household roster import (建档立卡户花名册导入), in two steps: preview (upload → the file's
// problems in the user's language, and how many households are new, updated, unchanged; nothing
// written) and confirm (the same file again: every row in one transaction, or nothing). Officers
// import into their own county only; an admin chooses the county. The file size is checked before
// the file is read (the browser checks it too, before sending).
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { MAX_IMPORT_BYTES } from "@/lib/households/import-limits";
import { confirmImport, importCounty, previewImport } from "./import.server";

const OFFICE = ["OFFICER", "ADMIN"] as const;

const file = z.custom<File>().superRefine((v, ctx) => {
  if (typeof File === "undefined" || !(v instanceof File)) ctx.addIssue({ code: "custom", message: "importFileRequired" });
  else if (v.size === 0) ctx.addIssue({ code: "custom", message: "importFileEmpty" });
  else if (v.size > MAX_IMPORT_BYTES) ctx.addIssue({ code: "custom", message: "importFileTooLarge" });
});

const countyId = z.string({ error: "importCountyRequired" }).trim().min(1, "importCountyRequired").max(20, "notFound");
const count = z.coerce.number({ error: "importChangedSincePreview" }).int().min(0).max(1_000_000);

const previewInput = z.object({ countyId, file });
const confirmInput = z.object({
  countyId,
  file,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "importChangedSincePreview"),
  expectNew: count,
  expectUpdated: count,
  expectUnchanged: count,
});

export const previewHouseholdImportAction = defineAction({
  name: "household.importPreview",
  input: previewInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const county = await importCounty(actor, input.countyId);
    return previewImport(county.id, input.file);
  },
});

export const confirmHouseholdImportAction = defineAction({
  name: "household.importConfirm",
  input: confirmInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const county = await importCounty(actor, input.countyId);
    return confirmImport(actor!, county.id, input.file, input);
  },
});
