// Prisma's own schema engine, as WebAssembly, so migrations apply and are created without
// the downloaded native engine (unavailable offline; see ../shared/STACK.md). It records
// applied migrations in `_prisma_migrations` exactly as `prisma migrate deploy` does.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
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
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

async function openEngine(connectionString: string, schema: string): Promise<SchemaEngine> {
  await loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  return bindings.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (log: string) => {
      if (process.env.DEBUG_SCHEMA_ENGINE) console.error(log);
    },
    adapter,
  );
}

export async function readMigrationsList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
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
          content: await readFile(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

/** Applies pending migrations; returns the names of those applied now. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const engine = await openEngine(connectionString, schema);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrationsList(),
      filters: noFilters,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that turns a database built from `fromSchema` (or an empty one) into `toSchema`. */
export async function diffSchemas(
  connectionString: string,
  fromSchema: string | null,
  toSchema: string,
): Promise<string> {
  // The diff of two datamodels reads no tables, but the engine connects when it starts.
  const engine = await openEngine(connectionString, toSchema);
  try {
    const target = (content: string) => ({
      tag: "schemaDatamodel" as const,
      files: [{ path: SCHEMA_PATH, content }],
    });
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : target(fromSchema),
      to: target(toSchema),
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
