// The door: check-in by code, search, counts, undo, and the staff who may work it. Check-in
// answers ALREADY_CHECKED_IN and NOT_ON_LIST as values (the door shows amber or red), not errors.
import { listAttempts } from "../../domain/checkin/attempts";
import { checkIn } from "../../domain/checkin/check-in";
import { guestCounts } from "../../domain/checkin/counts";
import { listConflicts } from "../../domain/checkin/conflicts";
import { doorOf, myDoorEvents } from "../../domain/checkin/door-access";
import { doorList } from "../../domain/checkin/door-list";
import { syncOfflineScans } from "../../domain/checkin/offline-sync";
import {
  ZAssignStaffInput,
  ZAttemptsInput,
  ZCheckInInput,
  ZDoorListInput,
  ZDoorSearchInput,
  ZEventRef,
  ZSyncOfflineScansInput,
  ZUndoCheckInInput,
  ZUnassignStaffInput,
} from "../../domain/checkin/schema";
import { searchDoorList } from "../../domain/checkin/search";
import { assignStaff, listStaff, unassignStaff } from "../../domain/checkin/staff";
import { undoCheckIn } from "../../domain/checkin/undo";
import { createTRPCRouter, protectedProcedure } from "../init";

export const doorRouter = createTRPCRouter({
  /** Events whose door the caller may work (as curator or assigned staff). */
  myEvents: protectedProcedure.query(({ ctx }) => myDoorEvents(ctx.db, ctx.actor)),
  /** One event's door: the event, and `closedReason` when the caller may not let guests in now. */
  event: protectedProcedure.input(ZEventRef).query(({ ctx, input }) => doorOf(ctx.db, ctx.actor, input.eventId)),
  /** `{ answer, message }`: answer as in the REST contract, message a sentence for the screen. */
  checkIn: protectedProcedure.input(ZCheckInInput).mutation(({ ctx, input }) => checkIn(ctx.db, ctx.actor, input)),
  undo: protectedProcedure.input(ZUndoCheckInInput).mutation(({ ctx, input }) => undoCheckIn(ctx.db, ctx.actor, input)),
  search: protectedProcedure.input(ZDoorSearchInput).query(({ ctx, input }) => searchDoorList(ctx.db, ctx.actor, input)),
  counts: protectedProcedure.input(ZEventRef).query(({ ctx, input }) => guestCounts(ctx.db, ctx.actor, input.eventId)),
  attempts: protectedProcedure.input(ZAttemptsInput).query(({ ctx, input }) => listAttempts(ctx.db, ctx.actor, input)),
  /** The list a phone keeps for offline scanning (codes hashed), whole or since a cursor, with the event's conflicts. */
  list: protectedProcedure.input(ZDoorListInput).query(({ ctx, input }) => doorList(ctx.db, ctx.actor, input)),
  /** A phone's offline scans, in the order they happened. */
  sync: protectedProcedure.input(ZSyncOfflineScansInput).mutation(({ ctx, input }) => syncOfflineScans(ctx.db, ctx.actor, input)),
  /** Guests let in twice, for the curator's event page. */
  conflicts: protectedProcedure.input(ZEventRef).query(({ ctx, input }) => listConflicts(ctx.db, ctx.actor, input.eventId)),

  staff: protectedProcedure.input(ZEventRef).query(({ ctx, input }) => listStaff(ctx.db, ctx.actor, input.eventId)),
  assignStaff: protectedProcedure.input(ZAssignStaffInput).mutation(({ ctx, input }) => assignStaff(ctx.db, ctx.actor, input)),
  unassignStaff: protectedProcedure.input(ZUnassignStaffInput).mutation(({ ctx, input }) => unassignStaff(ctx.db, ctx.actor, input)),
});
