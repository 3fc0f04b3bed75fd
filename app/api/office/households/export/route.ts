// GET /api/office/households/export?code=&name=&county=&township=&village=&status=
// The household registry as XLSX, with the list's filters (lib/households/export.server.ts).
// Officers get their own county's households, admins any county's; everyone else the same 404 as
// a path that does not exist. ID numbers are masked; the file is never cached.
import { Readable } from "node:stream";
import { householdExport } from "@/lib/households/export.server";
import { parseHouseholdFilters } from "@/lib/households/registry.server";
import { defineRoute } from "@/lib/http/route.server";

export const dynamic = "force-dynamic";

export const GET = defineRoute({
  name: "households.export",
  allow: ["OFFICER", "ADMIN"],
  async handle({ actor, request }) {
    const filters = parseHouseholdFilters(Object.fromEntries(new URL(request.url).searchParams));
    const file = await householdExport(actor, filters);
    return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
