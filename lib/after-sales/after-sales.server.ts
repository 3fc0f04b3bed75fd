import "server-only";
// What pages read about after-sales, bound to this process's database.
import { withDb } from "@/lib/db/db.server";
import {
  afterSaleOptions,
  afterSalesOfOrder,
  escalatedAfterSales,
  mayReadAfterSalePhoto,
  openAfterSaleCount,
  operatorAfterSales,
} from "./queries";

export const requestsOfOrder = withDb(afterSalesOfOrder);
export const optionsOfOrder = withDb(afterSaleOptions);
export const sellerAfterSales = withDb(operatorAfterSales);
export const sellerOpenCount = withDb(openAfterSaleCount);
export const platformAfterSales = withDb(escalatedAfterSales);
export const mayReadPhoto = withDb(mayReadAfterSalePhoto);
