-- Admission permits of a livestream (lib/campaigns/permit-desk.ts): how many a campaign gave out.
-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "permitsIssued" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: never negative.
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_permitsIssued_check" CHECK ("permitsIssued" >= 0);
