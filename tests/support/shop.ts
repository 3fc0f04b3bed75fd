// tests/support/shop-data.ts on the vitest database.
import { testDb } from "./db";
import { linkHouseholdsIn, makeProductIn } from "./shop-data";

export { ADDRESS, cartOf, newKey } from "./shop-data";

export const makeProduct = (...args: Parameters<typeof makeProductIn> extends [unknown, ...infer R] ? R : never) =>
  makeProductIn(testDb, ...args);
export const linkHouseholds = (...args: Parameters<typeof linkHouseholdsIn> extends [unknown, ...infer R] ? R : never) =>
  linkHouseholdsIn(testDb, ...args);
