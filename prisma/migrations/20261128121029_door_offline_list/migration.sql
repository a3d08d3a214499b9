-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "door_salt" TEXT NOT NULL DEFAULT replace((gen_random_uuid())::text, '-'::text, ''::text);

-- AlterTable
ALTER TABLE "EventGuestToEvent" ADD COLUMN     "list_version" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CheckInConflict" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "guest_to_event_id" UUID NOT NULL,
    "first_staff_id" UUID NOT NULL,
    "first_device_id" TEXT,
    "first_at" TIMESTAMPTZ NOT NULL,
    "second_staff_id" UUID NOT NULL,
    "second_device_id" TEXT,
    "second_at" TIMESTAMPTZ NOT NULL,
    "reported_nonce" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInConflict_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CheckInConflict_event_id_created_at_idx" ON "CheckInConflict"("event_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInConflict_guest_to_event_id_reported_nonce_key" ON "CheckInConflict"("guest_to_event_id", "reported_nonce");

-- CreateIndex
CREATE INDEX "EventGuestToEvent_event_id_list_version_idx" ON "EventGuestToEvent"("event_id", "list_version");

-- AddForeignKey
ALTER TABLE "CheckInConflict" ADD CONSTRAINT "CheckInConflict_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "Event"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInConflict" ADD CONSTRAINT "CheckInConflict_guest_to_event_id_fkey" FOREIGN KEY ("guest_to_event_id") REFERENCES "EventGuestToEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInConflict" ADD CONSTRAINT "CheckInConflict_first_staff_id_fkey" FOREIGN KEY ("first_staff_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInConflict" ADD CONSTRAINT "CheckInConflict_second_staff_id_fkey" FOREIGN KEY ("second_staff_id") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written: the door list's version stamp. Every write of an admission, and every change of
-- its guest's name or deletion, stamps the admission with the writing transaction's id, whoever
-- writes (the check-in statement, undo, sales, the guest book): the delta feed needs no writer
-- to remember it.
CREATE FUNCTION door_list_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.list_version := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;

CREATE TRIGGER "EventGuestToEvent_list_version"
  BEFORE INSERT OR UPDATE ON "EventGuestToEvent"
  FOR EACH ROW EXECUTE FUNCTION door_list_stamp();

CREATE FUNCTION door_list_stamp_guest() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "EventGuestToEvent" SET list_version = 0 WHERE guest_id = NEW.id;
  RETURN NULL;
END $$;

CREATE TRIGGER "EventGuest_list_version"
  AFTER UPDATE OF full_name, deleted_at ON "EventGuest"
  FOR EACH ROW WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION door_list_stamp_guest();

-- Admissions written before this migration carry the migrating transaction's id.
UPDATE "EventGuestToEvent" SET list_version = 0;
