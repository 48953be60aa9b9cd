-- Lead references LEAD/00001… come from this sequence (column default below).
CREATE SEQUENCE "lead_reference_seq";
-- LEAD/00001 … LEAD/99999, then LEAD/100000 and on (plain lpad would truncate past five digits).
CREATE FUNCTION "next_lead_reference"() RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT 'LEAD/' || CASE WHEN n < 100000 THEN lpad(n::text, 5, '0') ELSE n::text END
  FROM nextval('lead_reference_seq') AS n
$$;


-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('agent', 'supervisor', 'manager');

-- CreateEnum
CREATE TYPE "SessionKind" AS ENUM ('browser', 'api');

-- CreateEnum
CREATE TYPE "LeadSourceType" AS ENUM ('inbound_call', 'outbound_call', 'campaign', 'referral', 'walk_in', 'website', 'social_media', 'event_exhibition');

-- CreateEnum
CREATE TYPE "LostReason" AS ENUM ('price', 'competitor', 'timing', 'model_unavailable', 'financing', 'other');

-- CreateEnum
CREATE TYPE "FinancingType" AS ENUM ('bank', 'in_house', 'cash', 'other');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('note', 'system', 'tracking');

-- CreateEnum
CREATE TYPE "CallResult" AS ENUM ('answered', 'no_answer', 'busy', 'voicemail', 'wrong_number');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('call', 'visit', 'task');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" "UserRole" NOT NULL,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "SessionKind" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("token_hash")
);

-- CreateTable
CREATE TABLE "brands" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "brands_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dealerships" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "brand_id" INTEGER,
    "manager_email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dealerships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vehicle_models" (
    "id" SERIAL NOT NULL,
    "brand_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "vehicle_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_sources" (
    "id" SERIAL NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "name" TEXT NOT NULL,
    "source_type" "LeadSourceType" NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 10,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "lead_sources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stages" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "fold" BOOLEAN NOT NULL DEFAULT false,
    "is_won" BOOLEAN NOT NULL DEFAULT false,
    "is_lost" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "stages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL DEFAULT next_lead_reference(),
    "contact_name" TEXT NOT NULL,
    "email" TEXT,
    "mobile" TEXT NOT NULL,
    "phone" TEXT,
    "street" TEXT,
    "city" TEXT,
    "zip_code" TEXT,
    "country_code" TEXT,
    "state_code" TEXT,
    "brand_id" INTEGER NOT NULL,
    "dealership_id" INTEGER,
    "vehicle_model_id" INTEGER,
    "preferred_color" TEXT,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "expected_price" DECIMAL(14,2),
    "budget_min" DECIMAL(14,2),
    "budget_max" DECIMAL(14,2),
    "customer_notes" TEXT,
    "internal_notes" TEXT,
    "has_trade_in" BOOLEAN NOT NULL DEFAULT false,
    "trade_in_make" TEXT,
    "trade_in_model" TEXT,
    "trade_in_year" INTEGER,
    "trade_in_mileage_km" INTEGER,
    "trade_in_expected_value" DECIMAL(14,2),
    "financing_needed" BOOLEAN NOT NULL DEFAULT false,
    "financing_type" "FinancingType",
    "down_payment" DECIMAL(14,2),
    "priority" SMALLINT NOT NULL DEFAULT 1,
    "source_id" INTEGER NOT NULL,
    "preferred_date" DATE,
    "user_id" INTEGER,
    "stage_id" INTEGER NOT NULL,
    "is_won" BOOLEAN NOT NULL DEFAULT false,
    "is_lost" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lost_reason" "LostReason",
    "lost_notes" TEXT,
    "dealer_so_name" TEXT,
    "claimed_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "remote_brand_id" INTEGER,
    "remote_model" TEXT,
    "remote_id" INTEGER,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_messages" (
    "id" SERIAL NOT NULL,
    "lead_id" INTEGER NOT NULL,
    "author_id" INTEGER,
    "kind" "MessageKind" NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "changes" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_logs" (
    "id" SERIAL NOT NULL,
    "lead_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "result" "CallResult" NOT NULL,
    "summary" TEXT NOT NULL,
    "activity_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" SERIAL NOT NULL,
    "lead_id" INTEGER NOT NULL,
    "type" "ActivityType" NOT NULL,
    "summary" TEXT NOT NULL,
    "note" TEXT,
    "due_date" DATE NOT NULL,
    "assignee_id" INTEGER NOT NULL,
    "done" BOOLEAN NOT NULL DEFAULT false,
    "done_at" TIMESTAMP(3),
    "created_by_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_login_key" ON "users"("login");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "brands_code_key" ON "brands"("code");

-- CreateIndex
CREATE UNIQUE INDEX "dealerships_code_key" ON "dealerships"("code");

-- CreateIndex
CREATE INDEX "dealerships_brand_id_idx" ON "dealerships"("brand_id");

-- CreateIndex
CREATE UNIQUE INDEX "vehicle_models_brand_id_name_key" ON "vehicle_models"("brand_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "lead_sources_code_key" ON "lead_sources"("code");

-- CreateIndex
CREATE UNIQUE INDEX "stages_name_key" ON "stages"("name");

-- CreateIndex
CREATE UNIQUE INDEX "leads_reference_key" ON "leads"("reference");

-- CreateIndex
-- Open Leads pool (unclaimed and open), newest first per brand column. Partial: not expressible in schema.prisma.
CREATE INDEX "leads_open_pool_idx" ON "leads"("brand_id", "created_at" DESC, "id" DESC)
  WHERE "user_id" IS NULL AND NOT "is_won" AND NOT "is_lost" AND "active";

-- CreateIndex
CREATE INDEX "leads_user_id_stage_id_created_at_id_idx" ON "leads"("user_id", "stage_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "leads_mobile_email_idx" ON "leads"("mobile", "email");

-- CreateIndex
CREATE INDEX "leads_stage_id_created_at_id_idx" ON "leads"("stage_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "leads_remote_brand_id_remote_model_remote_id_key" ON "leads"("remote_brand_id", "remote_model", "remote_id");

-- CreateIndex
CREATE INDEX "lead_messages_lead_id_created_at_idx" ON "lead_messages"("lead_id", "created_at");

-- CreateIndex
CREATE INDEX "call_logs_lead_id_created_at_idx" ON "call_logs"("lead_id", "created_at");

-- CreateIndex
CREATE INDEX "call_logs_user_id_created_at_idx" ON "call_logs"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "call_logs_created_at_idx" ON "call_logs"("created_at");

-- CreateIndex
CREATE INDEX "activities_assignee_id_done_due_date_idx" ON "activities"("assignee_id", "done", "due_date");

-- CreateIndex
CREATE INDEX "activities_lead_id_done_idx" ON "activities"("lead_id", "done");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dealerships" ADD CONSTRAINT "dealerships_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicle_models" ADD CONSTRAINT "vehicle_models_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_brand_id_fkey" FOREIGN KEY ("brand_id") REFERENCES "brands"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_dealership_id_fkey" FOREIGN KEY ("dealership_id") REFERENCES "dealerships"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_vehicle_model_id_fkey" FOREIGN KEY ("vehicle_model_id") REFERENCES "vehicle_models"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "lead_sources"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stages"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_messages" ADD CONSTRAINT "lead_messages_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_messages" ADD CONSTRAINT "lead_messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_logs" ADD CONSTRAINT "call_logs_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_logs" ADD CONSTRAINT "call_logs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Rules the database enforces as a last line of defence (the domain validates first).
ALTER TABLE "leads" ADD CONSTRAINT "leads_priority_range" CHECK ("priority" BETWEEN 0 AND 3);
ALTER TABLE "leads" ADD CONSTRAINT "leads_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "leads" ADD CONSTRAINT "leads_not_won_and_lost" CHECK (NOT ("is_won" AND "is_lost"));
ALTER TABLE "lead_sources" ADD CONSTRAINT "lead_sources_code_format" CHECK ("code" ~ '^[a-z0-9_]{1,40}$');
ALTER TABLE "call_logs" ADD CONSTRAINT "call_logs_duration_non_negative" CHECK ("duration_minutes" >= 0);
ALTER SEQUENCE "lead_reference_seq" OWNED BY "leads"."reference";
