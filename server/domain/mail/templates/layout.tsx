// The frame every mail shares: the app's ink header with its marquee accent, one column that
// reads on a phone, and a footer. Inline styles only: mail clients drop stylesheets.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";

/** The app's brand colours (app/globals.css). */
export const colors = {
  ink950: "#0b0a12",
  ink800: "#1f1c2e",
  marquee300: "#fcb54d",
  marquee500: "#f5780b",
  stone50: "#fafaf9",
  stone500: "#78716c",
  stone700: "#44403c",
  red700: "#b91c1c",
} as const;

const font = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const text: CSSProperties = { fontSize: "16px", lineHeight: "24px", color: colors.ink950, margin: "0 0 16px" };
export const muted: CSSProperties = { ...text, fontSize: "14px", lineHeight: "20px", color: colors.stone500 };
export const button: CSSProperties = {
  display: "inline-block",
  backgroundColor: colors.marquee500,
  color: colors.ink950,
  fontWeight: 600,
  fontSize: "16px",
  borderRadius: "8px",
  padding: "12px 20px",
  textDecoration: "none",
};

export function MailLayout({ preview, children }: { preview: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.stone50, fontFamily: font, margin: 0, padding: "16px 0" }}>
        <Container style={{ maxWidth: "480px", margin: "0 auto", backgroundColor: "#ffffff", borderRadius: "12px", overflow: "hidden" }}>
          <Section style={{ backgroundColor: colors.ink950, padding: "16px 24px" }}>
            <Text style={{ margin: 0, color: colors.marquee300, fontSize: "18px", fontWeight: 700, letterSpacing: "0.08em" }}>MARQUEE</Text>
          </Section>
          <Section style={{ padding: "24px" }}>{children}</Section>
          <Hr style={{ borderColor: "#e7e5e4", margin: 0 }} />
          <Section style={{ padding: "12px 24px" }}>
            <Text style={{ ...muted, margin: 0, fontSize: "12px" }}>Sent by Marquee. You get this mail because of the action described above.</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
