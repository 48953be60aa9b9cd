-- CreateIndex
CREATE INDEX "sync_runs_brand_id_status_idx" ON "sync_runs"("brand_id", "status");

