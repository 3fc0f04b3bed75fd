// The Prisma client for tests, on the database ./test started (DATABASE_URL).
//   import { testDb } from "@/tests/support/db";
// Disconnected after each test file.
import { afterAll } from "vitest";
import { createPrismaClient } from "@/lib/db/client";

export const testDb = createPrismaClient();

afterAll(async () => {
  await testDb.$disconnect();
});
