-- When the customer prefers to be called (optional, the BPO sends it with an endorsement)
-- CreateEnum
CREATE TYPE "ContactTime" AS ENUM ('morning', 'afternoon', 'evening');

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "preferred_contact_time" "ContactTime";
