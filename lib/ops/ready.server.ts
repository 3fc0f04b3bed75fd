// The readiness check of this process's database (app/api/ready).
import "server-only";
import { withDb } from "@/lib/db/db.server";
import { checkReadiness } from "./readiness";

export const readiness = withDb(checkReadiness);
