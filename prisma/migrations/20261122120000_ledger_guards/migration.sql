-- The stock ledger explains every stock figure, so its rows are never changed or removed
-- (like Allocation and AuditLog).
CREATE FUNCTION stock_movement_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'StockMovement rows are append-only (%)', TG_OP;
END $$;
CREATE TRIGGER "StockMovement_append_only" BEFORE UPDATE OR DELETE ON "StockMovement"
  FOR EACH ROW EXECUTE FUNCTION stock_movement_is_append_only();

-- Deleting a product must not quietly turn its benefit links into operator-wide links, which
-- were never checked against the other products' prices: refuse it instead.
ALTER TABLE "BenefitLink" DROP CONSTRAINT "BenefitLink_productId_fkey";
ALTER TABLE "BenefitLink" ADD CONSTRAINT "BenefitLink_productId_fkey"
  FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
