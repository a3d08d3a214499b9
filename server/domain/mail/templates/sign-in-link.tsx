// The sign-in link mail: one button, the address it was asked for, how long it works, and
// what to do if you did not ask. Phone first: one column, a big button, the link as text too.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

export interface SignInLinkProps {
  /** The link Auth.js made (…/api/auth/callback/nodemailer?token=…&email=…). */
  url: string;
  /** When the link stops working, ISO 8601. */
  expiresAt: string;
}

export function subject(): string {
  return "Your Marquee sign-in link";
}

/** What is left of the link's life when the mail is rendered (a delayed mail says less). */
function validity(expiresAt: string): string {
  const minutes = Math.max(1, Math.round((Date.parse(expiresAt) - Date.now()) / 60_000));
  if (minutes >= 90) return `${Math.round(minutes / 60)} hours`;
  if (minutes >= 50) return "an hour";
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export default function SignInLink({ url, expiresAt }: SignInLinkProps) {
  const email = new URL(url).searchParams.get("email") ?? "";
  return (
    <Html lang="en">
      <Head />
      <Preview>Tap the button to sign in to Marquee. The link works once.</Preview>
      <Body style={body}>
        <Container style={container}>
          <Section style={header}>
            <Text style={brand}>Marquee</Text>
          </Section>
          <Section style={card}>
            <Heading as="h1" style={h1}>
              Sign in to Marquee
            </Heading>
            <Text style={text}>
              Tap the button to sign in{email ? <> as <strong>{email}</strong></> : null}. No password needed.
            </Text>
            <Button href={url} style={button}>
              Sign in
            </Button>
            <Text style={small}>
              The link works once, within {validity(expiresAt)}. If the button does not work, copy this link into your
              browser:
            </Text>
            <Text style={linkText}>
              <Link href={url} style={link}>
                {url}
              </Link>
            </Text>
            <Hr style={hr} />
            <Text style={small}>
              Didn&apos;t ask for this? Ignore this mail: nobody can sign in without the link, and no account is made
              until it is used.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

SignInLink.PreviewProps = {
  url: "http://localhost:3000/api/auth/callback/nodemailer?callbackUrl=%2F&token=preview&email=sam%40example.com",
  expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
} satisfies SignInLinkProps;

// The app's colours (app/globals.css): ink for text and the header, marquee orange for the action.
const font = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const body = { backgroundColor: "#fafaf9", fontFamily: font, margin: 0, padding: "24px 0" };
const container = { maxWidth: "480px", margin: "0 auto", padding: "0 12px" };
const header = { backgroundColor: "#0b0a12", borderRadius: "16px 16px 0 0", padding: "16px 24px" };
const brand = { color: "#fcb54d", fontSize: "18px", fontWeight: 800, letterSpacing: "0.02em", margin: 0 };
const card = {
  backgroundColor: "#ffffff",
  border: "1px solid #e7e5e4",
  borderTop: "none",
  borderRadius: "0 0 16px 16px",
  padding: "24px",
};
const h1 = { color: "#0b0a12", fontSize: "24px", fontWeight: 700, lineHeight: "32px", margin: "0 0 8px" };
const text = { color: "#44403c", fontSize: "16px", lineHeight: "24px", margin: "0 0 20px" };
const button = {
  backgroundColor: "#f5780b",
  borderRadius: "12px",
  color: "#0b0a12",
  display: "block",
  fontSize: "16px",
  fontWeight: 700,
  padding: "14px 20px",
  textAlign: "center" as const,
  textDecoration: "none",
};
const small = { color: "#78716c", fontSize: "13px", lineHeight: "20px", margin: "20px 0 0" };
const linkText = { fontSize: "12px", lineHeight: "18px", margin: "6px 0 0", wordBreak: "break-all" as const };
const link = { color: "#b43b09" };
const hr = { borderColor: "#e7e5e4", margin: "20px 0 0" };
