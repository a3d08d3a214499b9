// The magic link of the email sign-in (the auth work fills in its wording and props).
import { Button, Heading, Text } from "@react-email/components";
import type { MailTemplate } from "./index";
import { button, MailLayout, muted, text } from "./layout";

export interface SignInLinkProps {
  /** The Auth.js verification URL. */
  url: string;
}

export function SignInLinkMail({ url }: SignInLinkProps) {
  return (
    <MailLayout preview="Your link to sign in to Marquee">
      <Heading as="h1" style={{ fontSize: "22px", margin: "0 0 16px" }}>
        Sign in to Marquee
      </Heading>
      <Text style={text}>Tap the button to sign in. The link works once.</Text>
      <Button href={url} style={button}>
        Sign in
      </Button>
      <Text style={{ ...muted, marginTop: "24px" }}>If you did not ask for it, ignore this mail.</Text>
    </MailLayout>
  );
}

export const signInLinkTemplate = {
  component: SignInLinkMail,
  subject: () => "Sign in to Marquee",
  preview: { url: "http://localhost:3000/api/auth/callback/nodemailer?token=preview" },
} satisfies MailTemplate<SignInLinkProps>;
