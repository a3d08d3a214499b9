// Test-only: a broken way to let a guest in, for the concurrency test's negative control, so
// that test can tell a broken check-in from a working one. The test mocks ../admit with
// `swappable(admitGuest)` and sets `admitting.readThenWrite` for the control's storm.
import type { admitGuest } from "../admit";

type Admit = typeof admitGuest;

export const admitting = { readThenWrite: false };

/**
 * The real scan, or while `admitting.readThenWrite` is set the same statement reading the
 * code's row without locking it and writing without re-checking its status: the classic lost race.
 */
export function swappable(real: Admit): Admit {
  return (db, scan) => real(db, admitting.readThenWrite ? { ...scan, readThenWrite: true } : scan);
}
