// Address reveal (spec: isAddressRevealEnabled, addressRevealConfig). While it is on and its
// moment has not come, everyone but the event's curator sees the venue name and not the
// location. The one rule every public page, post and API answer asks.

export type AddressRevealConfig = { revealAt: Date } | { hoursBeforeStart: number };

export interface AddressRevealSettings {
  startDate: Date;
  isAddressRevealEnabled: boolean;
  addressRevealConfig: AddressRevealConfig | null;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * When the address becomes public, or null when it is never held back. A reveal that is on
 * without a readable setting fails closed: the address waits for the start of the event.
 */
export function addressRevealMoment(event: AddressRevealSettings): Date | null {
  if (!event.isAddressRevealEnabled) return null;
  const config = event.addressRevealConfig;
  if (config && "revealAt" in config) return config.revealAt;
  const hours = config && "hoursBeforeStart" in config ? config.hoursBeforeStart : 0;
  return new Date(event.startDate.getTime() - hours * HOUR_MS);
}

/** Whether the location may be shown to anyone (promoters, guests, the public) at `now`. */
export function isAddressRevealed(event: AddressRevealSettings, now: Date = new Date()): boolean {
  const moment = addressRevealMoment(event);
  return moment === null || now.getTime() >= moment.getTime();
}
