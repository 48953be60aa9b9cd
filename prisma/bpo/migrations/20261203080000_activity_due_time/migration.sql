-- Schedule Visit books a time: the wall-clock time on due_date in the business time zone (null = any time that day)
-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "due_time" TIME(0);

