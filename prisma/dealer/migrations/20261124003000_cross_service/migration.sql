
-- AlterTable
ALTER TABLE "sale_orders" ADD COLUMN     "bpo_source_lead_id" INTEGER,
ADD COLUMN     "bpo_source_lead_name" TEXT,
ADD COLUMN     "bpo_source_url" TEXT;

-- CreateTable
CREATE TABLE "bpo_connection" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "url" TEXT NOT NULL,
    "key_sealed" TEXT NOT NULL,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "bpo_connection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sale_orders_bpo_source_url_bpo_source_lead_id_key" ON "sale_orders"("bpo_source_url", "bpo_source_lead_id");


-- One connection row per dealer instance.
ALTER TABLE "bpo_connection" ADD CONSTRAINT "bpo_connection_single_row" CHECK ("id" = 1);
