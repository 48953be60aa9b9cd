-- Open Leads column counts without counting the pool on every board read. A lead is in the pool when
-- user_id IS NULL AND NOT is_won AND NOT is_lost AND active (OPEN in LeadRepository and the partial index
-- leads_open_pool_idx). Triggers on leads keep a count per brand in the writing transaction itself, so every
-- path that enters or leaves the pool (claim, create, import, close, archive, brand move, merge, raw SQL) is
-- counted, and a rollback takes its change back with it. Each database backend adds to its own row (slot =
-- its pid): concurrent claims never wait on one counter row and cannot deadlock over it. The count of a brand
-- is the sum of its rows. compact_lead_pool_counts() folds the rows into fewer now and then.
--
-- No semicolons in comments or dollar-quoted bodies: prisma migrate deploy splits the script on them and runs
-- each piece on its own (no transaction). The PL/pgSQL bodies are E-strings with \073 for each semicolon, and
-- the triggers go in with the first count inside one DO statement, so no write falls between the two.
CREATE TABLE "lead_pool_counts" (
    "brand_id" INTEGER NOT NULL,
    "slot" INTEGER NOT NULL,
    "n" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "lead_pool_counts_pkey" PRIMARY KEY ("brand_id","slot")
);

-- Adds delta to the row of this backend for the brand.
CREATE FUNCTION "lead_pool_counts_bump"(brand INTEGER, delta BIGINT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO lead_pool_counts AS c (brand_id, slot, n) VALUES (brand, pg_backend_pid(), delta)
  ON CONFLICT (brand_id, slot) DO UPDATE SET n = c.n + EXCLUDED.n
$$;

-- Row trigger for updates and deletes: the old row leaves the pool, the new row enters it (the WHEN of each
-- trigger already checked that something changed).
CREATE FUNCTION "lead_pool_counts_row"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') AND OLD.user_id IS NULL AND NOT OLD.is_won AND NOT OLD.is_lost AND OLD.active THEN
    PERFORM lead_pool_counts_bump(OLD.brand_id, -1)\073
  END IF\073
  IF TG_OP = ''UPDATE'' AND NEW.user_id IS NULL AND NOT NEW.is_won AND NOT NEW.is_lost AND NEW.active THEN
    PERFORM lead_pool_counts_bump(NEW.brand_id, 1)\073
  END IF\073
  RETURN NULL\073
END';

-- Statement trigger for inserts: an import of thousands of leads adds once per brand.
CREATE FUNCTION "lead_pool_counts_inserted"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM lead_pool_counts_bump(i.brand_id, count(*)) FROM inserted_leads i
  WHERE i.user_id IS NULL AND NOT i.is_won AND NOT i.is_lost AND i.active GROUP BY i.brand_id\073
  RETURN NULL\073
END';

CREATE FUNCTION "lead_pool_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM lead_pool_counts\073
  RETURN NULL\073
END';

-- Folds every row it can lock without waiting into one row per brand of this backend (SKIP LOCKED: a claim
-- in flight keeps its row, and the fold never waits, so it cannot deadlock with writers).
CREATE FUNCTION "compact_lead_pool_counts"() RETURNS void LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM lead_pool_counts d USING (
      SELECT brand_id, slot FROM lead_pool_counts WHERE slot <> pg_backend_pid() FOR UPDATE SKIP LOCKED
    ) k WHERE d.brand_id = k.brand_id AND d.slot = k.slot
    RETURNING d.brand_id, d.n
  )
  INSERT INTO lead_pool_counts AS c (brand_id, slot, n)
  SELECT brand_id, pg_backend_pid(), sum(n) FROM gone GROUP BY brand_id
  ON CONFLICT (brand_id, slot) DO UPDATE SET n = c.n + EXCLUDED.n
$$;

-- Update trigger: only when pool membership or the brand of a pooled lead changes (the WHEN is checked
-- without calling the function, so a stage move or a call log on a claimed lead costs nothing).
-- Writers wait on the lock while the triggers go in and the pool is counted once, so the start is exact.
DO E'
BEGIN
  LOCK TABLE leads IN SHARE ROW EXCLUSIVE MODE\073
  CREATE TRIGGER lead_pool_counts_update AFTER UPDATE ON leads FOR EACH ROW
    WHEN (
      (OLD.user_id IS NULL AND NOT OLD.is_won AND NOT OLD.is_lost AND OLD.active)
        IS DISTINCT FROM (NEW.user_id IS NULL AND NOT NEW.is_won AND NOT NEW.is_lost AND NEW.active)
      OR (OLD.brand_id <> NEW.brand_id AND OLD.user_id IS NULL AND NOT OLD.is_won AND NOT OLD.is_lost AND OLD.active)
    )
    EXECUTE FUNCTION lead_pool_counts_row()\073
  CREATE TRIGGER lead_pool_counts_delete AFTER DELETE ON leads FOR EACH ROW
    WHEN (OLD.user_id IS NULL AND NOT OLD.is_won AND NOT OLD.is_lost AND OLD.active)
    EXECUTE FUNCTION lead_pool_counts_row()\073
  CREATE TRIGGER lead_pool_counts_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS inserted_leads
    FOR EACH STATEMENT EXECUTE FUNCTION lead_pool_counts_inserted()\073
  CREATE TRIGGER lead_pool_counts_truncate AFTER TRUNCATE ON leads
    FOR EACH STATEMENT EXECUTE FUNCTION lead_pool_counts_truncated()\073
  INSERT INTO lead_pool_counts (brand_id, slot, n)
  SELECT brand_id, 0, count(*) FROM leads
  WHERE user_id IS NULL AND NOT is_won AND NOT is_lost AND active GROUP BY brand_id\073
END';
