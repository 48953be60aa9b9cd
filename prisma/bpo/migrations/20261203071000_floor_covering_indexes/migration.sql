-- The Floor's per-agent and per-brand figures for today read only index entries (index-only scans, no heap visits)
-- Same names and keys as before: the INCLUDE columns are what each figure counts by

-- Endorsements per agent since the day started
DROP INDEX "leads_endorsed_at_idx";
CREATE INDEX "leads_endorsed_at_idx" ON "leads"("endorsed_at") INCLUDE ("user_id");

-- Won and lost per agent since the day started
DROP INDEX "leads_closed_at_idx";
CREATE INDEX "leads_closed_at_idx" ON "leads"("closed_at") INCLUDE ("user_id", "is_won", "is_lost");

-- Imported (remote_model set) and created leads per brand today
DROP INDEX "leads_brand_id_created_at_idx";
CREATE INDEX "leads_brand_id_created_at_idx" ON "leads"("brand_id", "created_at") INCLUDE ("remote_model");

-- Calls per agent and result today
DROP INDEX "call_logs_created_at_idx";
CREATE INDEX "call_logs_created_at_idx" ON "call_logs"("created_at") INCLUDE ("user_id", "result");

-- Overdue open activities per assignee
DROP INDEX "activities_open_due_idx";
CREATE INDEX "activities_open_due_idx" ON "activities"("due_date") INCLUDE ("assignee_id") WHERE NOT "done";
