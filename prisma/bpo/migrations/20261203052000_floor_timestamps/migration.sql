-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "first_call_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "app_settings" ADD COLUMN     "floor_claim_minutes" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "floor_first_call_minutes" INTEGER NOT NULL DEFAULT 30;

-- Response-time windows read only index entries (index-only scans): the INCLUDE columns are what they compute from
CREATE INDEX "leads_claimed_at_idx" ON "leads"("claimed_at") INCLUDE ("created_at", "user_id", "brand_id", "created_by_id");

-- CreateIndex
CREATE INDEX "leads_first_call_at_idx" ON "leads"("first_call_at") INCLUDE ("claimed_at", "user_id", "brand_id");

-- CreateIndex
CREATE INDEX "leads_endorsed_at_idx" ON "leads"("endorsed_at");

-- CreateIndex
CREATE INDEX "leads_closed_at_idx" ON "leads"("closed_at");

-- CreateIndex
CREATE INDEX "leads_brand_id_created_at_idx" ON "leads"("brand_id", "created_at");


-- Backfill: the first call logged on each lead so far
UPDATE "leads" AS l SET "first_call_at" = c.first_at
FROM (SELECT "lead_id", min("created_at") AS first_at FROM "call_logs" GROUP BY "lead_id") AS c
WHERE c."lead_id" = l."id";

-- First call to endorse or close: by whichever came first (LEAST skips NULLs)
CREATE INDEX "leads_settled_at_idx" ON "leads"((LEAST("endorsed_at", "closed_at"))) INCLUDE ("endorsed_at", "closed_at", "first_call_at", "user_id", "brand_id") WHERE "first_call_at" IS NOT NULL;

-- Claimed open leads still waiting for their first call (the first-call threshold breaches)
CREATE INDEX "leads_awaiting_first_call_idx" ON "leads"("claimed_at")
WHERE "first_call_at" IS NULL AND "user_id" IS NOT NULL AND NOT "is_won" AND NOT "is_lost" AND "active";

