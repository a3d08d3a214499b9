import { db } from "../../server/db";
import { postSyncJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const postSync = jobFunction(postSyncJob, () => db);
