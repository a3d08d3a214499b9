import { db } from "../../server/db";
import { shopifyPushJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const shopifyPush = jobFunction(shopifyPushJob, () => db);
