// How a conflict reads, on the door page and the curator's event page alike. The door page
// bundles this module: no server-only imports, no Node APIs.
import { doorTime } from "./door-words";
import type { CheckInConflictView } from "./schema";

/** "phone …3f9a": a device id's last characters, enough to tell the door's phones apart. */
export function deviceLabel(deviceId: string | null): string {
  return deviceId ? `phone\u00a0…\u2060${deviceId.slice(-4)}` : "an unknown device";
}

/** "Ada Guest came in twice: 21:04 by Sam at phone …3f9a, 21:06 by Kim at phone …77c1". */
export function conflictSentence(conflict: CheckInConflictView, timeZone: string, now: Date = new Date()): string {
  const scan = (s: CheckInConflictView["first"]) => `${doorTime(s.at, timeZone, now)} by ${s.by.name} at ${deviceLabel(s.deviceId)}`;
  return `${conflict.guest.fullName} came in twice: ${scan(conflict.first)}, ${scan(conflict.second)}`;
}
