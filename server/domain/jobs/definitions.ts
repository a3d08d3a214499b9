// The background jobs, each defined once: what triggers it (domain events from the outbox, or
// a schedule), how often it is tried, and its handler, a plain domain function of (db,
// payload). Both ways of running them are built from this list and nothing else:
//   - Inngest: inngest/functions/*.ts turn each entry into an Inngest function (served at
//     /api/inngest; the outbox relay sends the events);
//   - in-process: runner.ts turns each outbox message into one JobRun per subscribed job and
//     runs the handlers with retries, backoff and leases; a timer enqueues the scheduled ones.
// Handlers must be idempotent: delivery is at least once, late and possibly out of order.
import type { Db } from "../../db/client";
import { EventStatus } from "../../generated/prisma/enums";
import { completeDueEvents } from "../events/completion";
import { sendCanceledNotices, sendChangedNotices, sendDueNotices } from "../notices/send";
import { expireHolds } from "../orders/settle";
import type { DomainEventName, DomainEventPayload } from "../outbox/messages";
import { fanOutPartnerEvent } from "../partner-webhooks/fan-out";
import { PARTNER_EVENT_TYPES, type PartnerEventType } from "../partner-webhooks/schema";
import { sendDueDeliveries } from "../partner-webhooks/send";
import { syncPostsToEvent } from "../posts/sync";
import { reconcileProductStatus } from "../products/status";
import { pushEventProduct, recordShopifyPushAbandoned } from "../shopify/push";

export type JobId =
  | "post-sync"
  | "product-status"
  | "shopify-push"
  | "completion-sweep"
  | "hold-expiry"
  | "mail-send"
  | "guest-notices"
  | "notices-sweep"
  | "message-deliver"
  | `webhooks-${string}`
  | "webhook-send"
  | "webhook-retry";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What one run of a job came to; kept on the JobRun (in-process) or as the run's output (Inngest). */
export interface JobResult {
  /** DONE: did its work; SKIPPED: nothing to do; FAILED: cannot succeed, retrying would not help. */
  status: "DONE" | "SKIPPED" | "FAILED";
  detail?: string;
  data?: { [key: string]: Json };
}

type EventTrigger<N extends DomainEventName> = N extends DomainEventName
  ? {
      event: N;
      /** Runs only for messages this accepts (evaluated before any work; false = SKIPPED). */
      when?: (payload: DomainEventPayload<N>) => boolean;
    }
  : never;

interface JobBase {
  id: JobId;
  description: string;
  /** Tries in all (the first one included) before the run is FAILED. */
  attempts: number;
}

export interface EventJob<N extends DomainEventName = DomainEventName> extends JobBase {
  triggers: ReadonlyArray<EventTrigger<N>>;
  /** The payload field whose runs Inngest serializes (one at a time per value); default the event's id. */
  serializeBy?: string;
  /** `messageId`: the outbox message's id (the Inngest event's id), the same on every try of it. */
  handler(db: Db, payload: DomainEventPayload<N>, context: { messageId: string }): Promise<JobResult>;
  /** Called once when the job gives up on a message (its tries used up). */
  onGiveUp?(db: Db, payload: DomainEventPayload<N>, lastError: string): Promise<void>;
}

/** The payload of a scheduled run: when it was due. */
export interface ScheduledPayload {
  scheduledAt: string;
}

export interface ScheduledJob extends JobBase {
  /** Inngest runs it on `cron(job)`; in-process, a timer enqueues it this often. */
  every: { minutes: number };
  handler(db: Db, payload: ScheduledPayload): Promise<JobResult>;
}

// `any`: a job of one event must be storable in a list of jobs of all events.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Job = EventJob<any> | ScheduledJob;

export function isScheduled(job: Job): job is ScheduledJob {
  return "every" in job;
}

/** The cron expression Inngest runs a scheduled job on. */
export function cron(job: ScheduledJob): string {
  return `*/${job.every.minutes} * * * *`;
}

/** The jobs a message triggers (those whose `when` accepts its payload). */
export function jobsFor(jobs: readonly Job[], name: string, payload: unknown): Job[] {
  return jobs.filter(
    (job) => !isScheduled(job) && job.triggers.some((t: EventTrigger<DomainEventName>) => t.event === name && (!t.when || t.when(payload as never))),
  );
}

function defineEventJob<N extends DomainEventName>(job: EventJob<N>): EventJob<N> {
  return job;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const postSyncJob = defineEventJob({
  id: "post-sync",
  description: "Post sync: the event's synced posts follow its title, venue and date, poster and ticket prices",
  attempts: 8,
  triggers: [{ event: "event.updated" }],
  async handler(db, payload) {
    const outcome = await syncPostsToEvent(db, payload);
    if (outcome.eventVersion === null) return { status: "SKIPPED", detail: `Event ${payload.eventId} no longer exists` };
    return {
      status: "DONE",
      detail: `${plural(outcome.posts, "post")} brought to version ${outcome.eventVersion}`,
      data: { ...outcome },
    };
  },
});

export const productStatusJob = defineEventJob({
  id: "product-status",
  description: "Product status: archived while the event is paused, canceled or completed; active while upcoming",
  attempts: 8,
  triggers: [{ event: "event.status.changed" }],
  async handler(db, payload) {
    const outcome = await reconcileProductStatus(db, payload);
    if (outcome.eventStatus === null) return { status: "SKIPPED", detail: `Event ${payload.eventId} no longer exists` };
    return {
      status: "DONE",
      detail: outcome.changed
        ? `${plural(outcome.changed, "product")} set to ${outcome.productStatus} (event ${outcome.eventStatus})`
        : `Product already ${outcome.productStatus} (event ${outcome.eventStatus})`,
      data: { ...outcome },
    };
  },
});

export const shopifyPushJob = defineEventJob({
  id: "shopify-push",
  description: "Shopify push: the event's product and ticket types, with what is left of each, to the merchant's connected store",
  attempts: 8,
  triggers: [
    { event: "event.created" },
    {
      event: "event.updated",
      when: (payload) => payload.syncCategories.some((c) => c === "variants" || c === "metadata"),
    },
    // The product follows its event's status (archived or active again): the store must too.
    { event: "event.status.changed" },
    // A deleted event's product is archived: so is the store's.
    { event: "event.deleted" },
    // Sales on any channel change what is left, which is the variants' inventory in the store.
    { event: "tickets.availability.changed" },
  ],
  async handler(db, payload) {
    // Throws on failures a retry may fix (network, 5xx, throttling): the runner retries.
    const result = await pushEventProduct(db, { eventId: payload.eventId });
    const status = result.status === "SYNCED" ? "DONE" : result.status;
    return { status, detail: result.detail, data: { ...result } };
  },
  async onGiveUp(db, payload, lastError) {
    await recordShopifyPushAbandoned(db, { eventId: payload.eventId }, lastError);
  },
});

export const mailSendJob = defineEventJob({
  id: "mail-send",
  description: "Mail: renders a queued mail and sends it over SMTP",
  // With the runner's backoff, ten tries wait out an SMTP outage of about a quarter of an hour.
  attempts: 10,
  triggers: [{ event: "mail.queued" }],
  serializeBy: "mailId",
  async handler(db, payload) {
    // The mail stack (react-email, Nodemailer: ~1 s) loads with the first mail, not with every worker.
    const { sendQueuedMail } = await import("../mail/send");
    // Throws when the SMTP server refuses or cannot be reached: the runner retries.
    const outcome = await sendQueuedMail(db, payload);
    switch (outcome.status) {
      case "sent":
        return { status: "DONE", detail: `Mail ${payload.mailId} sent`, data: { ...outcome } };
      case "skipped":
        return { status: "SKIPPED", detail: `Mail ${payload.mailId}: ${outcome.reason}` };
      case "undeliverable":
        return { status: "FAILED", detail: outcome.reason };
    }
  },
  async onGiveUp(db, payload, lastError) {
    const { recordMailAbandoned } = await import("../mail/send");
    await recordMailAbandoned(db, payload, lastError);
  },
});

export const guestNoticesJob = defineEventJob<"event.status.changed" | "event.deleted" | "event.moved">({
  id: "guest-notices",
  description: "Guest notices: an event's guests are told it is canceled, or that its time or place changed",
  attempts: 8,
  triggers: [
    { event: "event.status.changed", when: (payload) => payload.newStatus === EventStatus.CANCELED },
    { event: "event.deleted" },
    { event: "event.moved" },
  ],
  async handler(db, payload) {
    const mails = "changeId" in payload ? await sendChangedNotices(db, payload) : await sendCanceledNotices(db, payload);
    return { status: mails ? "DONE" : "SKIPPED", detail: `${plural(mails, "mail")} queued`, data: { mails } };
  },
});

export const noticesSweepJob: ScheduledJob = {
  id: "notices-sweep",
  description: "Notices sweep: guests get their reminder before the start and the location once the address is revealed",
  attempts: 4,
  // Every minute: a reminder or an address should arrive close to its moment.
  every: { minutes: 1 },
  async handler(db) {
    const outcome = await sendDueNotices(db);
    return {
      status: outcome.events ? "DONE" : "SKIPPED",
      detail: `${plural(outcome.mails, "mail")} queued for ${plural(outcome.events, "event")}`,
      data: { ...outcome },
    };
  },
};

export const messageDeliverJob = defineEventJob({
  id: "message-deliver",
  description: "Message delivery: one guest's copy of a curator's message, by mail or SMS (Twilio)",
  // As for mail: ten tries with the runner's backoff wait out a provider's outage of a quarter of an hour.
  attempts: 10,
  triggers: [{ event: "message.delivery.queued" }],
  serializeBy: "deliveryId",
  async handler(db, payload) {
    // Loaded with the first delivery, like the mail stack it uses.
    const { deliver } = await import("../messages/deliver");
    // Throws when the SMTP server or Twilio fails in a way a retry may fix: the runner retries.
    const outcome = await deliver(db, payload);
    switch (outcome.status) {
      case "sent":
        return { status: "DONE", detail: `Delivery ${payload.deliveryId} sent`, data: { ...outcome } };
      case "failed":
        return { status: "FAILED", detail: outcome.reason };
      case "skipped":
        return { status: "SKIPPED", detail: `Delivery ${payload.deliveryId}: ${outcome.reason}` };
    }
  },
  async onGiveUp(db, payload, lastError) {
    const { recordDeliveryAbandoned } = await import("../messages/deliver");
    await recordDeliveryAbandoned(db, payload, lastError);
  },
});

/** The fan-out job of one partner event type: one delivery per endpoint of the curator subscribed to it. */
function webhookFanOutJob<N extends PartnerEventType>(type: N): EventJob<N> {
  return defineEventJob<N>({
    id: `webhooks-${type.replace(/[._]/g, "-")}` as JobId,
    description: `Partner webhooks: ${type} to each endpoint of the curator subscribed to it, with what changed`,
    attempts: 8,
    triggers: [{ event: type } as EventTrigger<N>],
    async handler(db, payload, { messageId }) {
      const outcome = await fanOutPartnerEvent(db, type, payload, { messageId });
      if (!outcome.found) return { status: "SKIPPED", detail: `What the ${type} message is about no longer exists` };
      return {
        status: outcome.queued ? "DONE" : "SKIPPED",
        detail: `${plural(outcome.queued, "delivery", "deliveries")} queued`,
        data: { ...outcome },
      };
    },
  });
}

export const webhookFanOutJobs = PARTNER_EVENT_TYPES.map((type) => webhookFanOutJob(type));

export const webhookSendJob = defineEventJob({
  id: "webhook-send",
  description: "Partner webhooks: sends one delivery, signed (its retries are the webhook-retry sweep's)",
  attempts: 3,
  triggers: [{ event: "webhook.delivery.queued" }],
  serializeBy: "deliveryId",
  async handler(db, payload) {
    // A failed request is recorded on the delivery and tried again on its own schedule, not here.
    const outcome = await sendDueDeliveries(db, { ids: [payload.deliveryId] });
    const sent = outcome.succeeded + outcome.failed;
    if (sent === 0) return { status: "SKIPPED", detail: `Delivery ${payload.deliveryId} is not due, or its endpoint is disabled` };
    return { status: "DONE", detail: outcome.succeeded ? "Delivered" : "The endpoint failed; retried later", data: { ...outcome } };
  },
});

export const webhookRetryJob: ScheduledJob = {
  id: "webhook-retry",
  description: "Partner webhooks: sends the deliveries whose next try is due",
  attempts: 2,
  every: { minutes: 1 },
  async handler(db) {
    const outcome = await sendDueDeliveries(db);
    const sent = outcome.succeeded + outcome.failed;
    return { status: sent ? "DONE" : "SKIPPED", detail: `${plural(sent, "delivery", "deliveries")} tried`, data: { ...outcome } };
  },
};

export const completionSweepJob: ScheduledJob = {
  id: "completion-sweep",
  description: "Completion sweep: upcoming events whose end has passed become completed",
  attempts: 4,
  every: { minutes: 5 },
  async handler(db) {
    const outcome = await completeDueEvents(db);
    return {
      status: outcome.completed ? "DONE" : "SKIPPED",
      detail: `${plural(outcome.completed, "event")} completed`,
      data: { ...outcome },
    };
  },
};

export const holdExpiryJob: ScheduledJob = {
  id: "hold-expiry",
  description: "Hold expiry: orders still unpaid when their hold ends give their tickets back",
  attempts: 4,
  // Every minute: a released ticket should be buyable again soon after its hold ends.
  every: { minutes: 1 },
  async handler(db) {
    const { expired, stuck } = await expireHolds(db);
    const detail = `${plural(expired, "order")} expired`;
    // Retrying would not help a stuck order (its ticket counts need an operator): FAILED keeps
    // the run among the failed ones, naming the orders, while every other hold was released.
    if (stuck.length > 0) {
      return {
        status: "FAILED",
        detail: `${detail}; ${plural(stuck.length, "order")} left held (the ticket counts disagree with the hold): ${stuck.join(", ")}`,
        data: { expired, stuck },
      };
    }
    return { status: expired ? "DONE" : "SKIPPED", detail, data: { expired, stuck } };
  },
};

/** Every background job. */
export const JOBS: readonly Job[] = [
  postSyncJob,
  productStatusJob,
  shopifyPushJob,
  completionSweepJob,
  holdExpiryJob,
  mailSendJob,
  guestNoticesJob,
  noticesSweepJob,
  messageDeliverJob,
  ...webhookFanOutJobs,
  webhookSendJob,
  webhookRetryJob,
];

export function jobById(jobs: readonly Job[], id: string): Job | undefined {
  return jobs.find((job) => job.id === id);
}
