import { db } from "../../server/db";
import { mailSendJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const mailSend = jobFunction(mailSendJob, () => db);
