import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Serialises changes to what one operator's links promise: link changes, and price changes of its
 * products (a price is what a fixed amount per unit must stay under). Held until the transaction ends.
 */
export async function lockOperatorLinks(tx: Prisma.TransactionClient, operatorId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`benefit-links:${operatorId}`}))`;
}
