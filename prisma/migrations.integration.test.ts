// The migrations in prisma/migrations and prisma/schema.prisma must describe one database.
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { withDatabaseName } from "../scripts/lib/database";
import { applyMigrations, diffSchemas, MIGRATED_SCHEMA_PATH, MIGRATIONS_DIR, SCHEMA_PATH } from "../scripts/lib/schema-engine";
import { recreateDatabase } from "../server/testing/databases";

const serverUrl = inject("databaseServerUrl");
const scratch = (suffix: string) => `marquee_migrations_${process.env.VITEST_POOL_ID ?? 1}_${suffix}`;

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns, constraints, indexes and enums, read from the catalog (no pg_dump needed). */
async function describeSchema(url: string) {
  const [columns, constraints, indexes, enums] = await Promise.all([
    query(
      url,
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
                       character_maximum_length
                  FROM information_schema.columns
                 WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
                 ORDER BY table_name, column_name`,
    ),
    query(
      url,
      `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
                  FROM pg_constraint
                 WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
                 ORDER BY 1, 2`,
    ),
    query(
      url,
      `SELECT tablename, indexname, indexdef FROM pg_indexes
                 WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
                 ORDER BY 1, 2`,
    ),
    query(
      url,
      `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
                 ORDER BY t.typname, e.enumsortorder`,
    ),
  ]);
  return { columns, constraints, indexes, enums };
}

/**
 * Constraints (CHECK) and indexes (on an expression) schema.prisma cannot express, written by
 * hand in their migration: they must exist after migrating, and are the only difference from
 * the schema's own database.
 */
const HAND_WRITTEN_CONSTRAINTS = ["ProductVariant_capacity_check"];
const HAND_WRITTEN_INDEXES = ["EventGuest_user_id_lower_email_idx"];

const created: string[] = [];
async function freshDatabase(suffix: string): Promise<string> {
  const name = scratch(suffix);
  await recreateDatabase(serverUrl, name);
  created.push(name);
  return withDatabaseName(serverUrl, name);
}

afterAll(async () => {
  for (const name of created) {
    await query(withDatabaseName(serverUrl, "postgres"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
});

describe("migrations", () => {
  it("carry every change of schema.prisma (a schema edit without `npm run db:migration` fails here)", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const snapshot = await readFile(MIGRATED_SCHEMA_PATH, "utf8");
    const pending = await diffSchemas(withDatabaseName(serverUrl, "postgres"), snapshot, schema);
    expect(pending.trim(), "schema.prisma changed since the last migration: run npm run db:migration -- <name>").toMatch(
      /^(-- This is an empty migration\.)?$/,
    );
  });

  it("build exactly the database that schema.prisma describes", async () => {
    const migrated = await freshDatabase("migrated");
    await applyMigrations(migrated);

    const fromSchema = await freshDatabase("from_schema");
    const schema = await readFile(SCHEMA_PATH, "utf8");
    await query(fromSchema, await diffSchemas(fromSchema, null, schema));

    const { constraints, indexes, ...rest } = await describeSchema(migrated);
    const handWritten = constraints.filter((c) => HAND_WRITTEN_CONSTRAINTS.includes(String(c.conname)));
    expect(handWritten.map((c) => c.conname).sort()).toEqual([...HAND_WRITTEN_CONSTRAINTS].sort());
    const handWrittenIndexes = indexes.filter((i) => HAND_WRITTEN_INDEXES.includes(String(i.indexname)));
    expect(handWrittenIndexes.map((i) => i.indexname).sort()).toEqual([...HAND_WRITTEN_INDEXES].sort());
    expect({
      ...rest,
      constraints: constraints.filter((c) => !handWritten.includes(c)),
      indexes: indexes.filter((i) => !handWrittenIndexes.includes(i)),
    }).toEqual(await describeSchema(fromSchema));
  });

  it("are recorded in _prisma_migrations as prisma migrate deploy records them, once", async () => {
    const url = await freshDatabase("history");
    const first = await applyMigrations(url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    for (const row of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
    }
  });

  it("that fail leave the database as it was and can be retried once fixed", async () => {
    const url = await freshDatabase("failing");
    await applyMigrations(url);
    const before = await describeSchema(url);

    const dir = path.join(tmpdir(), `marquee-migrations-${process.pid}-${Date.now()}`);
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = path.join(dir, "29991231000000_broken");
    await mkdir(broken);
    await writeFile(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "HalfWritten" ("id" INTEGER);\nALTER TABLE "Event" ADD COLUMN "half" TEXT;\nSELECT 1 / 0;\n`,
    );

    await expect(applyMigrations(url, dir)).rejects.toThrow(/29991231000000_broken failed.*division by zero/);
    expect(await describeSchema(url)).toEqual(before);

    await writeFile(path.join(broken, "migration.sql"), `ALTER TABLE "Event" ADD COLUMN "half" TEXT;\n`);
    expect(await applyMigrations(url, dir)).toEqual(["29991231000000_broken"]);
  });
});
