import "server-only";
// The admin page's read of the synonym table (uncached: the admin sees what is stored).
import { db } from "@/lib/db/db.server";
import { listSynonymGroups } from "./queries";

export const synonymGroups = () => listSynonymGroups(db);
