// The sign-in link mail: one big button, the address it was asked for, how long it works, the
// link as text for when the button fails, and what to do if you did not ask. Phone first.
import { Button, Heading, Link, Text } from "@react-email/components";
import type { MailTemplate } from "./index";
import { button, colors, MailLayout, muted, text } from "./layout";

export interface SignInLinkProps {
  /** The Auth.js verification URL (…/api/auth/callback/nodemailer?callbackUrl=…&token=…&email=…). */
  url: string;
  /** When the link stops working, ISO 8601. */
  expiresAt: string;
}

/** What is left of the link's life when the mail is rendered (a delayed mail promises less). */
function validity(expiresAt: string): string {
  const minutes = Math.max(1, Math.round((Date.parse(expiresAt) - Date.now()) / 60_000));
  if (minutes >= 90) return `${Math.round(minutes / 60)} hours`;
  if (minutes >= 50) return "an hour";
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function SignInLinkMail({ url, expiresAt }: SignInLinkProps) {
  const email = new URL(url).searchParams.get("email");
  return (
    <MailLayout preview="Tap the button to sign in to Marquee. The link works once.">
      <Heading as="h1" style={{ fontSize: "24px", lineHeight: "32px", margin: "0 0 12px", color: colors.ink950 }}>
        Sign in to Marquee
      </Heading>
      <Text style={text}>
        Tap the button to sign in
        {email ? (
          <>
            {" "}
            as <strong>{email}</strong>
          </>
        ) : null}
        . No password needed.
      </Text>
      <Button href={url} style={{ ...button, display: "block", textAlign: "center", padding: "14px 20px", borderRadius: "12px" }}>
        Sign in
      </Button>
      <Text style={{ ...muted, marginTop: "20px" }}>
        The link works once, within {validity(expiresAt)}. If the button does nothing, copy this link into your browser:
      </Text>
      <Text style={{ ...muted, fontSize: "12px", lineHeight: "18px", wordBreak: "break-all" }}>
        <Link href={url} style={{ color: "#b43b09" }}>
          {url}
        </Link>
      </Text>
      <Text style={{ ...muted, margin: "20px 0 0" }}>
        Didn&apos;t ask for this? Ignore this mail: nobody can sign in without the link, and no account is made until it is used.
      </Text>
    </MailLayout>
  );
}

export const signInLinkTemplate = {
  component: SignInLinkMail,
  subject: () => "Your Marquee sign-in link",
  preview: {
    url: "http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=%2F&token=preview&email=sam%40example.com",
    expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
  },
} satisfies MailTemplate<SignInLinkProps>;
