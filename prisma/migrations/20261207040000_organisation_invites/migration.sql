-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "organisationId" TEXT,
ALTER COLUMN "operatorId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Invite_organisationId_idx" ON "Invite"("organisationId");

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written rules (docs/DESIGN.md: buyer organisations).
-- An invitation brings a person into one operator's team or one buyer organisation, never both or neither.
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_target_check" CHECK (num_nonnulls("operatorId", "organisationId") = 1);
