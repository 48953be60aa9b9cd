-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "merged_into_id" INTEGER;

-- CreateIndex
CREATE INDEX "leads_created_at_id_idx" ON "leads"("created_at" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_merged_into_id_fkey" FOREIGN KEY ("merged_into_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Lead search (issue 16), written by hand because Prisma cannot declare expression indexes.
-- LeadSearchRepository uses these expressions character for character so the planner matches the indexes.
-- No semicolons in comments or function bodies: prisma migrate deploy splits the script on them.

-- unaccent() is only STABLE (its dictionary is looked up through search_path), so an index cannot use it.
-- Naming the dictionary and schema explicitly makes the result fixed, which is what IMMUTABLE promises.
CREATE FUNCTION "lead_search_text"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1))
$$;

-- Phone numbers match on their digits, from the end: the digits reversed, so "ends with 4567" becomes a
-- range scan on a B-tree ("7654" to "7655") in byte order (COLLATE "C"). One index per number column.
CREATE FUNCTION "lead_digits_reversed"(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT reverse(regexp_replace($1, '[^0-9]', '', 'g'))
$$;

CREATE INDEX "leads_mobile_digits_idx" ON "leads" ((lead_digits_reversed("mobile")) COLLATE "C");
CREATE INDEX "leads_phone_digits_idx" ON "leads" ((lead_digits_reversed("phone")) COLLATE "C");

-- E-mail: case-insensitive prefix ("juan.dc@" or the whole address), a range scan on lower(email).
CREATE INDEX "leads_email_lower_idx" ON "leads" ((lower("email")) COLLATE "C");

-- Customer name: any part, accents and case ignored. The folded name is a stored generated column (not only
-- an index expression) because the planner often walks the newest-first index and filters each lead, and
-- reading a column is far cheaper there than calling unaccent() per row. A trigram GIN index serves rare parts.
ALTER TABLE "leads" ADD COLUMN "search_name" TEXT GENERATED ALWAYS AS (lead_search_text("contact_name")) STORED;
CREATE INDEX "leads_search_name_trgm_idx" ON "leads" USING GIN ("search_name" gin_trgm_ops);
