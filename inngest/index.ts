// Every Inngest function of the app, as served at /api/inngest: one per background job.
import { completionSweep } from "./functions/completion-sweep";
import { holdExpiry } from "./functions/hold-expiry";
import { mailSend } from "./functions/mail-send";
import { webhookFanOuts, webhookRetry, webhookSend } from "./functions/partner-webhooks";
import { postSync } from "./functions/post-sync";
import { productStatus } from "./functions/product-status";
import { shopifyPush } from "./functions/shopify-push";

export { inngest } from "./client";

export const functions = [postSync, productStatus, shopifyPush, completionSweep, holdExpiry, mailSend, ...webhookFanOuts, webhookSend, webhookRetry];
