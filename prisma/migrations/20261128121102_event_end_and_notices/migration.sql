-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "location_notice_due_at" TIMESTAMPTZ,
ADD COLUMN     "reminder_due_at" TIMESTAMPTZ,
ADD COLUMN     "reminder_hours_before" INTEGER DEFAULT 24;

-- CreateIndex
CREATE INDEX "Event_reminder_due_at_idx" ON "Event"("reminder_due_at") WHERE (reminder_due_at IS NOT NULL);

-- CreateIndex
CREATE INDEX "Event_location_notice_due_at_idx" ON "Event"("location_notice_due_at") WHERE (location_notice_due_at IS NOT NULL);

-- Backfill (hand-written): live upcoming events get the default reminder and their location
-- mail scheduled when those moments are still ahead, by the rules of
-- server/domain/notices/schedule.ts (a reveal without a readable setting waits for the start).
UPDATE "Event" SET reminder_due_at = start_date - interval '24 hours'
 WHERE deleted_at IS NULL AND status = 'UPCOMING' AND start_date - interval '24 hours' > now();
UPDATE "Event" e SET location_notice_due_at = r.moment
  FROM (SELECT id,
               CASE WHEN address_reveal_config ? 'revealAt' THEN (address_reveal_config->>'revealAt')::timestamptz
                    WHEN address_reveal_config ? 'hoursBeforeStart'
                      THEN start_date - (address_reveal_config->>'hoursBeforeStart')::int * interval '1 hour'
                    ELSE start_date END AS moment
          FROM "Event"
         WHERE deleted_at IS NULL AND status = 'UPCOMING' AND is_address_reveal_enabled) r
 WHERE e.id = r.id AND r.moment > now();
