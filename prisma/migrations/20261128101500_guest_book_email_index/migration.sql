-- Written by hand: schema.prisma cannot express an index on an expression. Issuing an order's
-- tickets finds the buyer's entry in the curator's guest book by email in any case
-- (server/db/sql/orders.ts findBuyerInGuestBook: lower(email) = lower($2)); without it each
-- order scanned the whole book.
CREATE INDEX "EventGuest_user_id_lower_email_idx" ON "EventGuest" ("user_id", lower("email")) WHERE "deleted_at" IS NULL;
