import { db } from "../../server/db";
import { messageDeliverJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const messageDeliver = jobFunction(messageDeliverJob, () => db);
