"use client";

import { useMemo } from "react";
import { zoneAbbreviation } from "../format";
import { describedBy, Field, Select } from "../ui/field";
import { zoneOffsetMs } from "../forms/zoned-time";

function offsetLabel(zone: string, at: Date): string {
  const minutes = Math.round(zoneOffsetMs(zone, at) / 60_000);
  const sign = minutes < 0 ? "−" : "+";
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, "0")}` : ""}`;
}

/**
 * The event's IANA zone, grouped by region. The list comes from the server (props), so the
 * server's render and the browser's match whatever the browser's own zone data says.
 */
export function TimeZoneSelect({
  id,
  value,
  onChange,
  zones,
  error,
}: {
  id: string;
  value: string;
  onChange: (zone: string) => void;
  zones: string[];
  error?: string | null;
}) {
  const groups = useMemo(() => {
    const all = zones.includes(value) ? zones : [value, ...zones];
    const byRegion = new Map<string, string[]>();
    for (const zone of all) {
      const region = zone.includes("/") ? zone.split("/")[0]! : "Other";
      byRegion.set(region, [...(byRegion.get(region) ?? []), zone]);
    }
    return [...byRegion.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [zones, value]);
  const now = new Date();
  const hint = `${zoneAbbreviation(now, value)}, ${offsetLabel(value, now)} today. Guests see times in this zone.`;
  return (
    <Field id={id} label="Time zone" hint={hint} error={error}>
      <Select value={value} onChange={(e) => onChange(e.target.value)} {...describedBy(id, { hint, error })}>
        {groups.map(([region, list]) => (
          <optgroup key={region} label={region}>
            {list.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}
