import { Badge } from "../ui/badge";

export type SyncState = "current" | "behind" | "off";

/**
 * Where a post stands with its event: the version it was synced to against the event's
 * current version. "behind" with sync on means the background sync has not caught up yet.
 */
export function syncStateOf(post: { syncEnabled: boolean; syncedEventVersion: number | null }, eventVersion: number | null): SyncState {
  if (!post.syncEnabled || eventVersion === null) return "off";
  return post.syncedEventVersion !== null && post.syncedEventVersion >= eventVersion ? "current" : "behind";
}

const LABELS: Record<SyncState, string> = { current: "Up to date", behind: "Behind", off: "Sync off" };

export function SyncBadge({ state, syncedVersion, eventVersion }: { state: SyncState; syncedVersion: number | null; eventVersion: number | null }) {
  const detail =
    state === "current"
      ? `Shows the event as it is now (version ${eventVersion}).`
      : state === "behind"
        ? `Shows version ${syncedVersion ?? "?"} of the event, which is at version ${eventVersion}: catching up.`
        : "Keeps what it showed when sync was turned off.";
  return (
    <span title={detail} className="inline-flex">
      <Badge tone={state === "current" ? "green" : state === "behind" ? "amber" : "neutral"}>
        {state === "behind" ? (
          <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-current" />
        ) : state === "current" ? (
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-3">
            <path
              fillRule="evenodd"
              d="M16.704 4.153a.75.75 0 0 1 .143 1.052l-8 10.5a.75.75 0 0 1-1.127.075l-4.5-4.5a.75.75 0 0 1 1.06-1.06l3.894 3.893 7.48-9.817a.75.75 0 0 1 1.05-.143Z"
              clipRule="evenodd"
            />
          </svg>
        ) : null}
        {LABELS[state]}
        {state === "behind" && syncedVersion !== null && eventVersion !== null ? ` · v${syncedVersion} of v${eventVersion}` : ""}
      </Badge>
      <span className="sr-only">. {detail}</span>
    </span>
  );
}
