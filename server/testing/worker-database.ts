// Runs in each test worker before its files: points DATABASE_URL at the worker's database, and
// the mail catcher at a folder of the worker's own.
import { inject } from "vitest";
import { withDatabaseName } from "../../scripts/lib/database";
import { workerDatabaseName } from "./databases";
import { testMailDir } from "./mail";

const serverUrl = inject("databaseServerUrl");
const databaseName = workerDatabaseName(serverUrl, process.env.VITEST_POOL_ID ?? "1");
process.env.DATABASE_URL = withDatabaseName(serverUrl, databaseName);
process.env.MAIL_CATCHER_DIR = testMailDir(databaseName);
// A developer's own SMTP server never receives the tests' mails (tests that need one start it).
delete process.env.SMTP_URL;
// Partner webhooks' stand-in receivers listen on 127.0.0.1 over plain http.
process.env.WEBHOOKS_ALLOW_PRIVATE_URLS = "1";
