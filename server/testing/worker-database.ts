// Runs in each test worker before its files: points DATABASE_URL at the worker's database.
import { inject } from "vitest";
import { withDatabaseName } from "../../scripts/lib/database";
import { workerDatabaseName } from "./databases";

const serverUrl = inject("databaseServerUrl");
process.env.DATABASE_URL = withDatabaseName(serverUrl, workerDatabaseName(serverUrl, process.env.VITEST_POOL_ID ?? "1"));
