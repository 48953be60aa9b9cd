-- CreateTable
CREATE TABLE "activity_reminders" (
    "user_id" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "activities" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_reminders_pkey" PRIMARY KEY ("user_id","day")
);

-- AddForeignKey
ALTER TABLE "activity_reminders" ADD CONSTRAINT "activity_reminders_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The reminder tick reads every open activity due by today, across all assignees
CREATE INDEX "activities_open_due_idx" ON "activities"("due_date") WHERE NOT "done";
