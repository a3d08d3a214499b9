import { db } from "../../server/db";
import { productStatusJob } from "../../server/domain/jobs/definitions";
import { jobFunction } from "./from-job";

export const productStatus = jobFunction(productStatusJob, () => db);
