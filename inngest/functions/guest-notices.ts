import { db } from "../../server/db";
import { guestNoticesJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const guestNotices = jobFunction(guestNoticesJob, () => db);
