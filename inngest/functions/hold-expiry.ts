import { db } from "../../server/db";
import { holdExpiryJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const holdExpiry = jobFunction(holdExpiryJob, () => db);
