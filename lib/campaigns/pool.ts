// The raw `pg` pool of the hot path. Prisma writes DateTime as UTC into `timestamp` columns;
// node-postgres would read those as local time, so this pool reads them as UTC too.
import pg from "pg";

const TIMESTAMP = 1114;

export function createHotPool(connectionString: string, max = 8): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === TIMESTAMP
          ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
          : pg.types.getTypeParser(oid, format as never)) as never,
    },
  });
}
