-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- Customer search (the lead form's picker, GET /api/partners?q=): "contains" over name, mobile and e-mail at
-- once. One expression index keeps it a single bitmap scan (three per-column indexes OR-ed together cost
-- more than a sequential scan to the planner, which then reads every customer). Written by hand because
-- Prisma cannot declare expression indexes, and PartnerRepository.search uses the same expression.
-- No semicolons in comments: prisma migrate deploy splits the script on them.
CREATE INDEX "partners_search_trgm_idx" ON "partners" USING GIN ((name || ' ' || coalesce(mobile, '') || ' ' || coalesce(email, '')) gin_trgm_ops);
