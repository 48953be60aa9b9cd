-- DropIndex
DROP INDEX "activities_lead_id_done_idx";

-- CreateIndex
CREATE INDEX "activities_lead_id_done_due_date_idx" ON "activities"("lead_id", "done", "due_date");

