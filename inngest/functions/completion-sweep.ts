import { db } from "../../server/db";
import { completionSweepJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const completionSweep = jobFunction(completionSweepJob, () => db);
