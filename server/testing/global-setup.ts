import type { TestProject } from "vitest/node";
import { startDatabase, withDatabaseName } from "../../scripts/lib/database";
import { applyMigrations } from "../../scripts/lib/schema-engine";
import { TEST_WORKERS } from "../../vitest.config";
import { recreateDatabase, templateDatabaseName, workerDatabaseName } from "./databases";
import { clearTestMailDir } from "./mail";

declare module "vitest" {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // DATABASE_URL names the server to use; without it an embedded PostgreSQL is started.
  const server = await startDatabase("postgres");
  const template = templateDatabaseName(server.url);
  await recreateDatabase(server.url, template);
  await applyMigrations(withDatabaseName(server.url, template));
  for (let poolId = 1; poolId <= TEST_WORKERS; poolId++) {
    await recreateDatabase(server.url, workerDatabaseName(server.url, poolId), template);
    await clearTestMailDir(workerDatabaseName(server.url, poolId));
  }
  project.provide("databaseServerUrl", server.url);
  return async () => {
    await server.stop();
  };
}
