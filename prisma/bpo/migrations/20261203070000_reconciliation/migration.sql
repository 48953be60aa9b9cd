-- AlterTable
ALTER TABLE "app_settings" ADD COLUMN     "reconcile_digest_day" VARCHAR(10),
ADD COLUMN     "reconcile_no_outcome_days" INTEGER;

-- CreateIndex
CREATE INDEX "leads_endorsement_status_endorsed_at_idx" ON "leads"("endorsement_status", "endorsed_at");

-- Reconciliation asks the dealers about every delivered endorsement still open at the BPO: a partial index keeps
-- that read to those rows (closed leads are read through leads_closed_at_idx within the lookback window)
CREATE INDEX "leads_reconcile_open_idx" ON "leads"("endorsed_dealership_id", "id") WHERE "endorsement_status" = 'delivered' AND NOT "is_won" AND NOT "is_lost";
