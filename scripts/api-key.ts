// npm run api-key -- <email>
// Prints a new API key for that user on the last line of stdout (creating a curator with
// that email where none exists), so a partner can be onboarded from a script:
//   KEY=$(npm run -s api-key -- partner@example.com | tail -n 1)
import { z } from "zod";
import { createDb } from "../server/db/client";
import { createApiKey } from "../server/domain/api-keys/service";
import { findOrCreateCurator } from "../server/domain/users/service";
import { withDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";

const email = z.email().safeParse(process.argv[2]);
if (!email.success) {
  console.error("usage: npm run api-key -- <email>   (the email is not valid)");
  process.exit(2);
}

const plaintext = await withDatabase(async (url) => {
  await applyMigrations(url);
  const db = createDb(url, { max: 1 });
  try {
    const { user, created } = await findOrCreateCurator(db, email.data);
    console.error(created ? `Created curator ${user.email}.` : `Found ${user.role.toLowerCase()} ${user.email}.`);
    const { plaintext } = await createApiKey(db, user.id, `CLI key ${new Date().toISOString().slice(0, 10)}`);
    console.error("This key is shown once; only its hash is stored. Send it as `Authorization: Bearer <key>`.");
    return plaintext;
  } finally {
    await db.$disconnect();
  }
});
console.log(plaintext);
