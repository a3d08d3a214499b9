-- Every committed write to the outbox wakes the background workers at once: they LISTEN on
-- this channel (server/domain/jobs/worker.ts). NOTIFY is transactional (sent at COMMIT, dropped
-- on rollback) and the trigger runs inside the INSERT itself, so a write costs no round trip
-- more; once per statement, so a sweep batch of a thousand messages sends one.
CREATE FUNCTION "notify_outbox_message"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_message', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "OutboxMessage_notify"
  AFTER INSERT ON "OutboxMessage"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_outbox_message"();
