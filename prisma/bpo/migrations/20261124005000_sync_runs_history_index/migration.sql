-- CreateIndex
CREATE INDEX "sync_runs_started_at_id_idx" ON "sync_runs"("started_at" DESC, "id" DESC);

