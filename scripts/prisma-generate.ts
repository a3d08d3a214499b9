// npm run db:generate (and postinstall): generates the Prisma client into server/generated.
// `prisma generate` first tries to download the native schema engine, which it never runs
// for generation; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that
// download, so this works offline (see ../shared/STACK.md).
import { bin, run } from "./lib/processes";

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath };
process.exit(await run(bin("prisma"), ["generate"], { env }));
