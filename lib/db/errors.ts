// Database failures that mean something to a caller, recognised in one place.
import { Prisma } from "@/lib/generated/prisma/client";

/** No database connection could be had in time (Prisma P2028): too many callers at once; nothing was written. */
export function isPoolTimeout(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028";
}
