// The one statement of a scan (the concurrency test swaps this module's admitGuest).
import type { Db } from "../../db/client";
import { scanAtDoor, type DoorScan, type DoorScanRow } from "../../db/sql/checkin";
import { queryPrepared } from "../../db/sql/statement";

/** Scans a code: lets the guest in or says why not, logs the attempt (why one statement: scanAtDoor); null for no such event. */
export async function admitGuest(db: Db, scan: DoorScan): Promise<DoorScanRow | null> {
  const [row] = await queryPrepared(db, scanAtDoor(scan));
  return row ?? null;
}
