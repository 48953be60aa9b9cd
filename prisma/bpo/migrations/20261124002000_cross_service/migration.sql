-- CreateEnum
CREATE TYPE "EndorsementStatus" AS ENUM ('none', 'pending', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "EndorsementType" AS ENUM ('with_sq', 'without_sq');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'dead');

-- AlterTable
ALTER TABLE "dealerships" ADD COLUMN     "rpc_key_sealed" TEXT,
ADD COLUMN     "rpc_url" TEXT;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "dealer_lead_id" INTEGER,
ADD COLUMN     "dealer_lead_name" TEXT,
ADD COLUMN     "dealer_quotation_name" TEXT,
ADD COLUMN     "endorsed_at" TIMESTAMP(3),
ADD COLUMN     "endorsed_dealership_id" INTEGER,
ADD COLUMN     "endorsement_error" TEXT,
ADD COLUMN     "endorsement_status" "EndorsementStatus" NOT NULL DEFAULT 'none',
ADD COLUMN     "endorsement_type" "EndorsementType";

-- CreateTable
CREATE TABLE "peer_keys" (
    "id" SERIAL NOT NULL,
    "dealership_id" INTEGER NOT NULL,
    "key_hash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "peer_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_messages" (
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "correlation_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "outbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "peer_keys_key_hash_key" ON "peer_keys"("key_hash");

-- CreateIndex
CREATE INDEX "peer_keys_dealership_id_idx" ON "peer_keys"("dealership_id");

-- CreateIndex
CREATE INDEX "outbox_messages_status_created_at_idx" ON "outbox_messages"("status", "created_at");

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_endorsed_dealership_id_fkey" FOREIGN KEY ("endorsed_dealership_id") REFERENCES "dealerships"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "peer_keys" ADD CONSTRAINT "peer_keys_dealership_id_fkey" FOREIGN KEY ("dealership_id") REFERENCES "dealerships"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

