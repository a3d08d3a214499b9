/**
 * An email address that wraps where a reader expects, before the "@", rather than anywhere in
 * a word; only a part too long for the line on its own breaks inside.
 */
export function EmailAddress({ email, className = "" }: { email: string; className?: string }) {
  const at = email.lastIndexOf("@");
  return (
    <span className={`[overflow-wrap:anywhere] ${className}`}>
      {at > 0 ? (
        <>
          {email.slice(0, at)}
          <wbr />
          {email.slice(at)}
        </>
      ) : (
        email
      )}
    </span>
  );
}
