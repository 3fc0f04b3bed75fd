// The test database from e2e tests (./test passes DATABASE_URL to Playwright): for arranging what
// another console would do (an officer certifying a product) through the same domain functions.
import { createPrismaClient, type Db } from "../../lib/db/client";

let client: Db | undefined;

export function e2eDb(): Db {
  if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is not set: run the e2e tests with ./test --e2e");
  return (client ??= createPrismaClient(process.env.DATABASE_URL, 2));
}

export async function closeE2eDb(): Promise<void> {
  await client?.$disconnect();
  client = undefined;
}
