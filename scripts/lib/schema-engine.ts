// Prisma's own schema engine, as WebAssembly, so migrations apply and are created without
// the downloaded native engine (unavailable offline; see ../shared/STACK.md). It records
// applied migrations in `_prisma_migrations` exactly as `prisma migrate deploy` does.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

export const PRISMA_DIR = path.resolve(import.meta.dirname, "../../prisma");
export const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
// The schema the newest migration was made from: the next migration is the diff from it.
export const MIGRATED_SCHEMA_PATH = path.join(MIGRATIONS_DIR, "schema.prisma.snapshot");

const noFilters = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;

// The package targets bundlers; Node 20 cannot import its .wasm, so instantiate it here.
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

/**
 * The pg adapter runs a migration script by splitting it on ";" and sending each piece on
 * its own, so a failure halfway leaves half a migration behind (and a ";" inside a string
 * breaks it). Here the whole script goes to one connection as one simple query, which
 * PostgreSQL runs as a single implicit transaction: a migration applies whole or not at all.
 */
function atomicScripts(factory: PrismaPg, connectionString: string, opened: Array<{ dispose(): Promise<void> }>) {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    opened.push(adapter);
    adapter.executeScript = async (script: string) => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        await client.query(script);
      } catch (error) {
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      } finally {
        await client.end();
      }
    };
    return adapter;
  };
  return factory;
}

/** Runs `work` with an engine on the database, then frees it and closes its connections. */
async function withEngine<T>(connectionString: string, schema: string, work: (engine: SchemaEngine) => Promise<T>) {
  await loadWasm();
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(atomicScripts(new PrismaPg({ connectionString }), connectionString, opened));
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (log: string) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error(log);
    },
    adapter,
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose()));
  }
}

export async function readMigrationsList(migrationsDir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: await readFile(lockPath, "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, dir, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

export class MigrationFailedError extends Error {
  constructor(migrationName: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const reason = /ERROR:\s*(.+)/.exec(message)?.[1]?.trim() ?? message.split("\n")[0];
    super(`migration ${migrationName} failed and was rolled back; the database is as it was (${reason})`);
    this.name = "MigrationFailedError";
  }
}

/** Names of migrations that started but neither finished nor were marked rolled back. */
async function unfinishedMigrations(connectionString: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
    );
    return rows.map((r) => r.migration_name);
  } catch {
    return []; // no history table yet
  } finally {
    await client.end();
  }
}

/** Applies pending migrations; returns the names of those applied now. */
export async function applyMigrations(connectionString: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const migrationsList = await readMigrationsList(migrationsDir);
  return withEngine(connectionString, schema, async (engine) => {
    try {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return appliedMigrationNames;
    } catch (error) {
      // Each script ran in one transaction, so a failed one changed nothing. Record it as
      // rolled back (what `prisma migrate resolve --rolled-back` does), so the next run
      // simply tries it again once it is fixed.
      const failed = await unfinishedMigrations(connectionString);
      for (const migrationName of failed) await engine.markMigrationRolledBack({ migrationName });
      throw failed[0] ? new MigrationFailedError(failed[0], error) : error;
    }
  });
}

/** SQL that turns a database built from `fromSchema` (or an empty one) into `toSchema`. */
export async function diffSchemas(connectionString: string, fromSchema: string | null, toSchema: string): Promise<string> {
  // The diff of two datamodels reads no tables, but the engine connects when it starts.
  const target = (content: string) => ({
    tag: "schemaDatamodel" as const,
    files: [{ path: SCHEMA_PATH, content }],
  });
  return withEngine(connectionString, toSchema, async (engine) => {
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : target(fromSchema),
      to: target(toSchema),
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}
