// The environment, validated once: a missing or malformed variable stops start-up with a
// message naming it, instead of failing later inside a request.
import { z } from "zod";

const booleanFlag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (npm run dev and npm test set it for you)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL"),
    AUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    // One-click sign-in as a demo user: on in development, refused in production unless set.
    DEV_SIGN_IN: booleanFlag,
    APP_URL: z.url().default("http://localhost:3000"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof ZEnv>;

export class InvalidEnvironmentError extends Error {
  constructor(issues: z.core.$ZodIssue[]) {
    super(
      "Invalid environment:\n" +
        issues.map((i) => `  ${i.path.join(".") || "(root)"} ${i.message}`).join("\n"),
    );
    this.name = "InvalidEnvironmentError";
  }
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) throw new InvalidEnvironmentError(result.error.issues);
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function isDevSignInAllowed(e: Env = env()): boolean {
  return e.NODE_ENV !== "production" || e.DEV_SIGN_IN;
}

/** At server start: print what is wrong and exit, since Next would only log and serve on. */
export function exitOnInvalidEnv(): void {
  try {
    env();
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
