-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('schedule', 'manual');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('running', 'succeeded', 'partial', 'failed');

-- AlterTable
ALTER TABLE "brands" ADD COLUMN     "dealer_model_name" TEXT NOT NULL DEFAULT 'cheryweb.dealer',
ADD COLUMN     "distributor_db" TEXT,
ADD COLUMN     "distributor_login" TEXT,
ADD COLUMN     "distributor_password_enc" TEXT,
ADD COLUMN     "distributor_url" TEXT,
ADD COLUMN     "vehicle_model_model_name" TEXT NOT NULL DEFAULT 'cheryweb.vehicle.model';

-- AlterTable
ALTER TABLE "dealerships" ADD COLUMN     "remote_id" INTEGER;

-- AlterTable
ALTER TABLE "vehicle_models" ADD COLUMN     "remote_id" INTEGER;

-- CreateTable
CREATE TABLE "lead_remote_origins" (
    "id" SERIAL NOT NULL,
    "lead_id" INTEGER NOT NULL,
    "remote_brand_id" INTEGER NOT NULL,
    "remote_model" TEXT NOT NULL,
    "remote_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_remote_origins_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" SERIAL NOT NULL,
    "brand_id" INTEGER NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "deduplicated" INTEGER NOT NULL DEFAULT 0,
    "resumed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "details" JSONB,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "sync_interval_minutes" INTEGER NOT NULL DEFAULT 5,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "app_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_remote_origins_lead_id_idx" ON "lead_remote_origins"("lead_id");

-- CreateIndex
CREATE UNIQUE INDEX "lead_remote_origins_remote_brand_id_remote_model_remote_id_key" ON "lead_remote_origins"("remote_brand_id", "remote_model", "remote_id");

-- CreateIndex
CREATE INDEX "sync_runs_brand_id_started_at_idx" ON "sync_runs"("brand_id", "started_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "dealerships_brand_id_remote_id_key" ON "dealerships"("brand_id", "remote_id");

-- CreateIndex
CREATE UNIQUE INDEX "vehicle_models_brand_id_remote_id_key" ON "vehicle_models"("brand_id", "remote_id");

-- AddForeignKey
ALTER TABLE "lead_remote_origins" ADD CONSTRAINT "lead_remote_origins_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_remote_origins" ADD CONSTRAINT "lead_remote_origins_remote_brand_id_fkey" FOREIGN KEY ("remote_brand_id") REFERENCES "brands"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The single settings row (interval of "CRM: Sync Distributor Campaign Leads", 5 minutes by default).
INSERT INTO "app_settings" ("id", "sync_interval_minutes") VALUES (1, 5);
