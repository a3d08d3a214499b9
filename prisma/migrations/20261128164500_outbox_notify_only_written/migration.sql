-- Hand-written: the outbox wakes the workers only when a statement wrote a message. Statements
-- that write a message only when it is needed (the door's scan writes `guest.checked_in` only
-- for a curator with a subscribed endpoint) insert no row most of the time, and a statement
-- trigger fires for those too: every scan at the door woke every worker for a round of two
-- transactions that found nothing. Still once per statement, so a batch sends one NOTIFY.
CREATE OR REPLACE FUNCTION "notify_outbox_message"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM written) THEN
    PERFORM pg_notify('outbox_message', '');
  END IF;
  RETURN NULL;
END
$$;

DROP TRIGGER "OutboxMessage_notify" ON "OutboxMessage";

CREATE TRIGGER "OutboxMessage_notify"
  AFTER INSERT ON "OutboxMessage"
  REFERENCING NEW TABLE AS written
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_outbox_message"();
