import { db } from "../../server/db";
import { noticesSweepJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const noticesSweep = jobFunction(noticesSweepJob, () => db);
