-- A remote record is identified by its distributor (URL + database) too: ids restart on another database.
CREATE TABLE "distributor_sources" (
    "id" SERIAL NOT NULL,
    "url" TEXT NOT NULL,
    "db" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "distributor_sources_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "distributor_sources_url_db_key" ON "distributor_sources"("url", "db");

ALTER TABLE "dealerships" ADD COLUMN "remote_source_id" INTEGER;
ALTER TABLE "vehicle_models" ADD COLUMN "remote_source_id" INTEGER;
ALTER TABLE "leads" ADD COLUMN "remote_source_id" INTEGER;
ALTER TABLE "lead_remote_origins" ADD COLUMN "remote_source_id" INTEGER;

-- Backfill: rows imported so far came from the brand's current connection (or an unknown one, url and db empty, when it has none).
INSERT INTO "distributor_sources" ("url", "db")
SELECT DISTINCT
  CASE WHEN b.distributor_url IS NOT NULL AND b.distributor_db IS NOT NULL THEN b.distributor_url ELSE '' END,
  CASE WHEN b.distributor_url IS NOT NULL AND b.distributor_db IS NOT NULL THEN b.distributor_db ELSE '' END
FROM "brands" b
ON CONFLICT DO NOTHING;

CREATE TEMPORARY TABLE "brand_sources" AS
SELECT b.id AS brand_id, s.id AS source_id
FROM "brands" b
JOIN "distributor_sources" s
  ON s.url = CASE WHEN b.distributor_url IS NOT NULL AND b.distributor_db IS NOT NULL THEN b.distributor_url ELSE '' END
 AND s.db = CASE WHEN b.distributor_url IS NOT NULL AND b.distributor_db IS NOT NULL THEN b.distributor_db ELSE '' END;

UPDATE "leads" l SET remote_source_id = bs.source_id FROM "brand_sources" bs WHERE l.remote_id IS NOT NULL AND bs.brand_id = l.remote_brand_id;
UPDATE "lead_remote_origins" o SET remote_source_id = bs.source_id FROM "brand_sources" bs WHERE bs.brand_id = o.remote_brand_id;
UPDATE "dealerships" d SET remote_source_id = bs.source_id FROM "brand_sources" bs WHERE d.remote_id IS NOT NULL AND bs.brand_id = d.brand_id;
UPDATE "vehicle_models" v SET remote_source_id = bs.source_id FROM "brand_sources" bs WHERE v.remote_id IS NOT NULL AND bs.brand_id = v.brand_id;
DROP TABLE "brand_sources";

ALTER TABLE "lead_remote_origins" ALTER COLUMN "remote_source_id" SET NOT NULL;

DROP INDEX "dealerships_brand_id_remote_id_key";
DROP INDEX "vehicle_models_brand_id_remote_id_key";
DROP INDEX "leads_remote_brand_id_remote_model_remote_id_key";
DROP INDEX "lead_remote_origins_remote_brand_id_remote_model_remote_id_key";

CREATE UNIQUE INDEX "dealerships_brand_id_remote_source_id_remote_id_key" ON "dealerships"("brand_id", "remote_source_id", "remote_id");
CREATE UNIQUE INDEX "vehicle_models_brand_id_remote_source_id_remote_id_key" ON "vehicle_models"("brand_id", "remote_source_id", "remote_id");
CREATE UNIQUE INDEX "leads_remote_brand_id_remote_source_id_remote_model_remote__key" ON "leads"("remote_brand_id", "remote_source_id", "remote_model", "remote_id");
CREATE UNIQUE INDEX "lead_remote_origins_remote_brand_id_remote_source_id_remote_key" ON "lead_remote_origins"("remote_brand_id", "remote_source_id", "remote_model", "remote_id");

ALTER TABLE "dealerships" ADD CONSTRAINT "dealerships_remote_source_id_fkey" FOREIGN KEY ("remote_source_id") REFERENCES "distributor_sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "vehicle_models" ADD CONSTRAINT "vehicle_models_remote_source_id_fkey" FOREIGN KEY ("remote_source_id") REFERENCES "distributor_sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "leads" ADD CONSTRAINT "leads_remote_source_id_fkey" FOREIGN KEY ("remote_source_id") REFERENCES "distributor_sources"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "lead_remote_origins" ADD CONSTRAINT "lead_remote_origins_remote_source_id_fkey" FOREIGN KEY ("remote_source_id") REFERENCES "distributor_sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
