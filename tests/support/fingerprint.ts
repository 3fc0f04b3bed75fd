// A fingerprint of every table's contents, to prove that a refused call changed nothing.
// Sign-in attempts are left out: recording a failed password check is the throttle's job.
import { testDb } from "./db";

const IGNORED = new Set(["_prisma_migrations", "SignInAttempt"]);

export async function databaseFingerprint(): Promise<Record<string, string>> {
  const tables = await testDb.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (IGNORED.has(name)) continue;
    const rows = await testDb.$queryRawUnsafe<{ hash: string | null; n: bigint }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS hash, count(*) AS n FROM "${name}" t`,
    );
    out[name] = `${rows[0]?.n ?? 0}:${rows[0]?.hash ?? "-"}`;
  }
  return out;
}
