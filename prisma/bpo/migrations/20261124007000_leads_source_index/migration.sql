-- CreateIndex
CREATE INDEX "leads_source_id_created_at_idx" ON "leads"("source_id", "created_at");
