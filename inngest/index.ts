// Every Inngest function of the app, as served at /api/inngest: one per background job.
import { completionSweep } from "./functions/completion-sweep";
import { guestNotices } from "./functions/guest-notices";
import { holdExpiry } from "./functions/hold-expiry";
import { mailSend } from "./functions/mail-send";
import { noticesSweep } from "./functions/notices-sweep";
import { messageDeliver } from "./functions/message-deliver";
import { webhookFanOuts, webhookRetry, webhookSend } from "./functions/partner-webhooks";
import { postSync } from "./functions/post-sync";
import { productStatus } from "./functions/product-status";
import { shopifyPush } from "./functions/shopify-push";

export { inngest } from "./client";

export const functions = [
  postSync,
  productStatus,
  shopifyPush,
  completionSweep,
  holdExpiry,
  mailSend,
  guestNotices,
  noticesSweep,
  messageDeliver,
  ...webhookFanOuts,
  webhookSend,
  webhookRetry,
];
