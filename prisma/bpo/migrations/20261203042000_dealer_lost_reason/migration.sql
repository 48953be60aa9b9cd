-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "dealer_lost_reason_code" VARCHAR(40),
ADD COLUMN     "dealer_lost_reason_label" VARCHAR(100);

