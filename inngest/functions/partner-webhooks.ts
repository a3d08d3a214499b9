import { db } from "../../server/db";
import { webhookFanOutJobs, webhookRetryJob, webhookSendJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const webhookFanOuts = webhookFanOutJobs.map((job) => jobFunction(job, () => db));
export const webhookSend = jobFunction(webhookSendJob, () => db);
export const webhookRetry = jobFunction(webhookRetryJob, () => db);
