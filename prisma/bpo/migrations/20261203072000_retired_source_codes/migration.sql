-- CreateTable
CREATE TABLE "retired_lead_source_codes" (
    "code" VARCHAR(40) NOT NULL,
    "name" TEXT NOT NULL,
    "retired_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "retired_lead_source_codes_pkey" PRIMARY KEY ("code")
);
