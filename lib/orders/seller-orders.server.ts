import "server-only";
// The cooperative console's view of orders and settlement, bound to this process's database.
import { withDb } from "@/lib/db/db.server";
import { getOperatorOrder, listOperatorOrders, settlementEntries, settlementSummary } from "./seller-orders";

export const operatorOrders = withDb(listOperatorOrders);
export const operatorOrder = withDb(getOperatorOrder);
export const operatorSettlement = withDb(settlementSummary);
export const operatorSettlementEntries = withDb(settlementEntries);
