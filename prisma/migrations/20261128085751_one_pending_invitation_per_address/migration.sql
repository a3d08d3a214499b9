-- Invitations raced before this index may have left two pending links for one address: the
-- newest keeps working, the older ones are revoked (as a re-invite would have done).
UPDATE "Invitation" AS older
   SET status = 'REVOKED', revoked_at = now()
 WHERE older.status = 'PENDING'
   AND EXISTS (SELECT 1 FROM "Invitation" AS newer
                WHERE newer.status = 'PENDING' AND newer.event_id = older.event_id AND newer.email = older.email
                  AND newer.kind = older.kind AND (newer.created_at, newer.id) > (older.created_at, older.id));

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_one_pending_per_address" ON "Invitation"("event_id", "email", "kind") WHERE (status = 'PENDING');
