import { EVENT_MANAGER_ROLES } from "../../auth/policy";
import {
  ZAddGuestsToEventCall,
  ZCreateGroupInput,
  ZCreateGuestInput,
  ZEventGuestListInput,
  ZEventGuestRef,
  ZGroupMembersInput,
  ZGuestId,
  ZImportGuestsInput,
  ZListGuestsInput,
  ZRenameGroupInput,
  ZUpdateGuestInput,
} from "../../domain/guests/schema";
import { createGuest, deleteGuest, getGuest, listGuests, updateGuest } from "../../domain/guests/book";
import { addGuestsToEvent, listEventGuests } from "../../domain/guests/event-list";
import { addToGroup, createGroup, deleteGroup, listGroups, removeFromGroup, renameGroup } from "../../domain/guests/groups";
import { importGuestsCsv } from "../../domain/guests/import-csv";
import { ticketQr } from "../../domain/guests/ticket-code";
import { createTRPCRouter, roleProcedure } from "../init";

const bookKeeper = roleProcedure(...EVENT_MANAGER_ROLES);

export const guestsRouter = createTRPCRouter({
  list: bookKeeper.input(ZListGuestsInput).query(({ ctx, input }) => listGuests(ctx.db, ctx.actor, input)),
  get: bookKeeper.input(ZGuestId).query(({ ctx, input }) => getGuest(ctx.db, ctx.actor, input.id)),
  create: bookKeeper.input(ZCreateGuestInput).mutation(({ ctx, input }) => createGuest(ctx.db, ctx.actor, input)),
  update: bookKeeper.input(ZUpdateGuestInput).mutation(({ ctx, input }) => updateGuest(ctx.db, ctx.actor, input)),
  delete: bookKeeper.input(ZGuestId).mutation(({ ctx, input }) => deleteGuest(ctx.db, ctx.actor, input.id)),
  /** CSV text with a header row; answers what was created and, per line, what was refused and why. */
  importCsv: bookKeeper.input(ZImportGuestsInput).mutation(({ ctx, input }) => importGuestsCsv(ctx.db, ctx.actor, input)),

  groups: bookKeeper.query(({ ctx }) => listGroups(ctx.db, ctx.actor)),
  createGroup: bookKeeper.input(ZCreateGroupInput).mutation(({ ctx, input }) => createGroup(ctx.db, ctx.actor, input)),
  renameGroup: bookKeeper.input(ZRenameGroupInput).mutation(({ ctx, input }) => renameGroup(ctx.db, ctx.actor, input)),
  deleteGroup: bookKeeper.input(ZGuestId).mutation(({ ctx, input }) => deleteGroup(ctx.db, ctx.actor, input.id)),
  addToGroup: bookKeeper.input(ZGroupMembersInput).mutation(({ ctx, input }) => addToGroup(ctx.db, ctx.actor, input)),
  removeFromGroup: bookKeeper.input(ZGroupMembersInput).mutation(({ ctx, input }) => removeFromGroup(ctx.db, ctx.actor, input)),

  addToEvent: bookKeeper
    .input(ZAddGuestsToEventCall)
    .mutation(({ ctx, input: { eventId, guestIds, groupIds } }) => addGuestsToEvent(ctx.db, ctx.actor, eventId, { guestIds, groupIds })),
  eventList: bookKeeper.input(ZEventGuestListInput).query(({ ctx, input }) => listEventGuests(ctx.db, ctx.actor, input)),
  /** The ticket's QR code (SVG and PNG data URL) for the curator to send to the guest. */
  ticketQr: bookKeeper.input(ZEventGuestRef).query(({ ctx, input }) => ticketQr(ctx.db, ctx.actor, input)),
});
