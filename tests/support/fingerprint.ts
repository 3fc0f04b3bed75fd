// A fingerprint of every table's contents, to prove that a refused call changed nothing.
// Sign-in attempts are left out: recording a failed password check is the throttle's job.
// Per table: the row count and the sum of a 64-bit hash of each row's text (order does not
// matter, so nothing is sorted), all tables in one statement.
import { testDb } from "./db";

const IGNORED = new Set(["_prisma_migrations", "SignInAttempt"]);
let statement: string | null = null;

export async function databaseFingerprint(): Promise<Record<string, string>> {
  if (!statement) {
    const tables = await testDb.$queryRaw<{ name: string }[]>`
      SELECT table_name::text AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
    statement = tables
      .filter(({ name }) => !IGNORED.has(name))
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*) AS n, COALESCE(sum(hashtextextended(t::text, 0)::numeric), 0)::text AS hash FROM "${name}" t`,
      )
      .join(" UNION ALL ");
  }
  const rows = await testDb.$queryRawUnsafe<{ name: string; n: bigint; hash: string }[]>(statement);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.hash}`]));
}
