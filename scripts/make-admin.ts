// npm run make-admin -- <email>
// Makes that person an admin (creating their account if there is none yet: they then sign in
// with a link to that address). The role applies at their next request, no sign-out needed.
import { z } from "zod";
import { createDb } from "../server/db/client";
import { makeAdmin } from "../server/domain/users/service";
import { withDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";

const email = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
if (!email.success) {
  console.error("usage: npm run make-admin -- <email>   (the email is not valid)");
  process.exit(2);
}

await withDatabase(async (url) => {
  await applyMigrations(url);
  const db = createDb(url, { max: 1 });
  try {
    const { user, previousRole } = await makeAdmin(db, email.data);
    console.log(
      previousRole === null
        ? `Created admin ${user.email}: they sign in with a link sent to that address.`
        : previousRole === "ADMIN"
          ? `${user.email} was already an admin.`
          : `${user.email} is now an admin (was ${previousRole.toLowerCase()}).`,
    );
  } finally {
    await db.$disconnect();
  }
});
