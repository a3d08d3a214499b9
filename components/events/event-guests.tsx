"use client";

import { useMemo, useState } from "react";
import type { EventListEntry, GuestGroupView, ImportReport } from "@/server/domain/guests/schema";
import { ZAddGuestsToEventCall, ZImportGuestsInput } from "@/server/domain/guests/schema";
import type { EventStatus } from "@/server/generated/prisma/enums";
import { issuesToFieldErrors, readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { describedBy, Field, inputClass, TextArea } from "../ui/field";

const PAGE = 100;
const OPEN: readonly EventStatus[] = ["UPCOMING", "ON_HOLD"];

type GuestListPage = { guests: EventListEntry[]; nextCursor: string | null };

/**
 * The event's guest list, live while the doors are open: who is in (when, let in by whom),
 * invite whole groups of the guest book, import a CSV of guests straight onto the list.
 */
export function EventGuests({
  eventId,
  status,
  timezone,
  initialList,
  initialGroups,
}: {
  eventId: string;
  status: EventStatus;
  timezone: string;
  initialList: GuestListPage;
  initialGroups: GuestGroupView[];
}) {
  const open = OPEN.includes(status);
  const list = trpc.guests.eventList.useQuery({ eventId, limit: PAGE }, { initialData: initialList, refetchInterval: open ? 10_000 : false });
  const groups = trpc.guests.groups.useQuery(undefined, { initialData: { groups: initialGroups } });
  const [filter, setFilter] = useState("");
  const [panel, setPanel] = useState<"invite" | "import" | null>(null);
  const [qrFor, setQrFor] = useState<EventListEntry | null>(null);

  const guests = useMemo(() => list.data?.guests ?? [], [list.data]);
  const checkedIn = guests.filter((g) => g.status === "CHECKED_IN").length;
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return guests;
    return guests.filter((g) => [g.fullName, g.email ?? "", g.phoneNumber ?? ""].some((v) => v.toLowerCase().includes(q)));
  }, [filter, guests]);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit" });

  return (
    <div className="flex flex-col gap-4">
      {open ? (
        <div className="flex flex-wrap gap-2">
          <Button
            variant={panel === "invite" ? "primary" : "secondary"}
            size="sm"
            onClick={() => setPanel(panel === "invite" ? null : "invite")}
            aria-expanded={panel === "invite"}
          >
            Invite a group
          </Button>
          <Button
            variant={panel === "import" ? "primary" : "secondary"}
            size="sm"
            onClick={() => setPanel(panel === "import" ? null : "import")}
            aria-expanded={panel === "import"}
          >
            Import CSV
          </Button>
        </div>
      ) : null}
      {panel === "invite" ? <InviteGroups eventId={eventId} groups={groups.data?.groups ?? []} /> : null}
      {panel === "import" ? <ImportCsv eventId={eventId} groups={groups.data?.groups ?? []} /> : null}

      {guests.length === 0 ? (
        <div className="rounded-xl border-2 border-dashed border-stone-300 bg-stone-50 px-4 py-8 text-center">
          <p className="text-sm font-medium text-stone-700">No guests on the list yet</p>
          <p className="mt-1 text-sm text-stone-500">
            {open ? "Invite a group from your guest book or import a CSV. Each guest gets a QR ticket." : "Nobody was on this event's list."}
          </p>
        </div>
      ) : (
        <>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-stone-600" aria-live="polite">
              <strong className="text-ink-950 tabular-nums">{checkedIn}</strong> of {guests.length}
              {list.data?.nextCursor ? "+" : ""} checked in
            </p>
            <label className="sr-only" htmlFor={`guest-filter-${eventId}`}>
              Find a guest
            </label>
            <input
              id={`guest-filter-${eventId}`}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              placeholder="Find by name, email or phone"
              className={`${inputClass} sm:max-w-xs`}
            />
          </div>
          <ul
            className="flex max-h-[28rem] flex-col divide-y divide-stone-100 overflow-y-auto rounded-xl ring-1 ring-stone-200"
            aria-label="Guest list"
          >
            {shown.map((guest) => (
              <li key={guest.ticketCode} className="flex items-center gap-3 px-3 py-2.5" data-testid="event-guest">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-ink-950">{guest.fullName}</p>
                  <p className="truncate text-xs text-stone-500">
                    {[guest.email, guest.phoneNumber].filter(Boolean).join(" · ") || "No contact details"}
                  </p>
                  <AdmissionSource guest={guest} />
                </div>
                {guest.status === "CHECKED_IN" ? (
                  <span className="text-right">
                    <Badge tone="green">In</Badge>
                    {guest.checkedInAt ? (
                      <span className="block text-xs text-stone-500">
                        {time.format(guest.checkedInAt)}
                        {guest.checkedInBy ? ` · ${guest.checkedInBy.name}` : ""}
                      </span>
                    ) : null}
                  </span>
                ) : (
                  <Badge tone="neutral">{guest.source === "INVITED" ? "Invited" : "Not in yet"}</Badge>
                )}
                <Button variant="ghost" size="sm" onClick={() => setQrFor(guest)}>
                  Ticket<span className="sr-only"> of {guest.fullName}</span>
                </Button>
              </li>
            ))}
            {shown.length === 0 ? <li className="px-3 py-6 text-center text-sm text-stone-500">No guest matches “{filter}”.</li> : null}
          </ul>
          {list.data?.nextCursor ? (
            <p className="text-xs text-stone-500">Showing the first {PAGE} guests; the door page searches the whole list.</p>
          ) : null}
        </>
      )}
      <TicketDialog eventId={eventId} guest={qrFor} onClose={() => setQrFor(null)} />
    </div>
  );
}

const SOURCE_LABEL: Record<Exclude<EventListEntry["source"], "INVITED">, string> = { SOLD: "Sold here", SHOPIFY: "Sold on Shopify" };

/** A sold ticket's type and where it sold (here or on Shopify, through which post); invited guests say so on their badge. */
function AdmissionSource({ guest }: { guest: EventListEntry }) {
  if (guest.source === "INVITED") return null;
  return (
    <p className="text-xs break-words text-stone-600" data-testid="admission-source">
      {guest.ticketType ? <span className="font-semibold text-ink-950">{guest.ticketType} · </span> : null}
      {SOURCE_LABEL[guest.source]}
      {guest.via ? ` via ${guest.via.promoterName ?? "a post"} (/p/${guest.via.postSlug})` : ""}
    </p>
  );
}

function GroupPicker({
  groups,
  selected,
  onChange,
  idPrefix,
}: {
  groups: GuestGroupView[];
  selected: string[];
  onChange: (ids: string[]) => void;
  idPrefix: string;
}) {
  if (groups.length === 0) return <p className="text-sm text-stone-500">Your guest book has no groups yet.</p>;
  return (
    <ul className="flex flex-col gap-1">
      {groups.map((group) => (
        <li key={group.id}>
          <label htmlFor={`${idPrefix}-${group.id}`} className="flex min-h-10 items-center gap-3 rounded-lg px-2 hover:bg-white">
            <input
              id={`${idPrefix}-${group.id}`}
              type="checkbox"
              checked={selected.includes(group.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, group.id] : selected.filter((id) => id !== group.id))}
              className="size-4 accent-marquee-600"
            />
            <span className="flex-1 text-sm font-medium text-ink-950">{group.name}</span>
            <span className="text-xs text-stone-500">
              {group.guestIds.length} {group.guestIds.length === 1 ? "guest" : "guests"}
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}

function InviteGroups({ eventId, groups }: { eventId: string; groups: GuestGroupView[] }) {
  const utils = trpc.useUtils();
  const [selected, setSelected] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const add = trpc.guests.addToEvent.useMutation({
    onSuccess: async ({ added, alreadyOnList }) => {
      setSelected([]);
      setResult(
        `${added.length} ${added.length === 1 ? "guest" : "guests"} added to the list` +
          (alreadyOnList.length ? `; ${alreadyOnList.length} already on it kept their tickets.` : "."),
      );
      await Promise.all([utils.guests.eventList.invalidate({ eventId }), utils.events.details.invalidate({ id: eventId })]);
    },
    onError: (e) => setError(readServerError(e).message),
  });
  function submit(e: React.FormEvent) {
    e.preventDefault();
    setResult(null);
    const input = { eventId, groupIds: selected };
    const parsed = ZAddGuestsToEventCall.safeParse(input);
    if (!parsed.success) return setError("Pick at least one group.");
    setError(null);
    add.mutate(input);
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200" aria-label="Invite groups">
      <p className="text-sm font-semibold text-ink-950">Invite whole groups</p>
      <GroupPicker groups={groups} selected={selected} onChange={setSelected} idPrefix="invite-group" />
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <p aria-live="polite" className="text-sm text-emerald-700">
        {result}
      </p>
      <div>
        <Button type="submit" size="sm" pending={add.isPending} disabled={groups.length === 0}>
          Add to the list
        </Button>
      </div>
    </form>
  );
}

function ImportCsv({ eventId, groups }: { eventId: string; groups: GuestGroupView[] }) {
  const utils = trpc.useUtils();
  const [csv, setCsv] = useState("");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<{ report: ImportReport; added: number; already: number } | null>(null);
  const addToEvent = trpc.guests.addToEvent.useMutation();
  const importCsv = trpc.guests.importCsv.useMutation();
  const pending = importCsv.isPending || addToEvent.isPending;

  async function readFile(file: File | undefined) {
    if (!file) return;
    if (file.size > 1_000_000) return setError("The file is over 1 MB. Split it into smaller files.");
    setCsv(await file.text());
    setError(null);
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setReport(null);
    const input = { csv, ...(groupIds.length ? { groupIds } : {}) };
    const parsed = ZImportGuestsInput.safeParse(input);
    if (!parsed.success) return setError(issuesToFieldErrors(parsed.error.issues).csv ?? "Check the CSV");
    setError(null);
    try {
      const imported = await importCsv.mutateAsync(input);
      const guestIds = imported.created.map((c) => c.guestId);
      const added = guestIds.length ? await addToEvent.mutateAsync({ eventId, guestIds }) : null;
      setReport({ report: imported, added: added?.added.length ?? 0, already: added?.alreadyOnList.length ?? 0 });
      if (imported.created.length) setCsv("");
      await Promise.all([
        utils.guests.eventList.invalidate({ eventId }),
        utils.guests.groups.invalidate(),
        utils.events.details.invalidate({ id: eventId }),
      ]);
    } catch (err) {
      setError(readServerError(err).message);
    }
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200" aria-label="Import guests from CSV">
      <div>
        <p className="text-sm font-semibold text-ink-950">Import guests from a CSV</p>
        <p className="text-sm text-stone-600">
          A header row, then one guest a row: <code className="font-mono text-xs">firstName,lastName,email,phoneNumber</code> (or a single Name
          column). They join your guest book and this list.
        </p>
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="guest-csv-file" className="text-sm font-medium text-stone-800">
          CSV file
        </label>
        <input
          id="guest-csv-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => void readFile(e.target.files?.[0])}
          className="text-sm file:mr-3 file:min-h-9 file:rounded-lg file:border-0 file:bg-white file:px-3 file:font-semibold file:text-ink-950 file:ring-1 file:ring-stone-300"
        />
      </div>
      <Field id="guest-csv" label="…or paste it" error={error}>
        <TextArea
          {...describedBy("guest-csv", { error })}
          rows={5}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          placeholder={"firstName,lastName,email,phoneNumber\nZoë,Müller,zoe@example.com,+4915123456789"}
          className="font-mono text-xs"
        />
      </Field>
      {groups.length ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-stone-700">Also put them in groups</summary>
          <div className="mt-2">
            <GroupPicker groups={groups} selected={groupIds} onChange={setGroupIds} idPrefix="import-group" />
          </div>
        </details>
      ) : null}
      <div>
        <Button type="submit" size="sm" pending={pending}>
          Import and add to the list
        </Button>
      </div>
      {report ? <ImportReportView {...report} /> : null}
    </form>
  );
}

function ImportReportView({ report, added, already }: { report: ImportReport; added: number; already: number }) {
  return (
    <div role="status" className="flex flex-col gap-2 rounded-lg bg-white p-3 text-sm ring-1 ring-stone-200" data-testid="import-report">
      <p className="font-semibold text-ink-950">
        {report.created.length} imported · {added} added to the list
        {already ? ` · ${already} already on it` : ""} · {report.refused.length} refused
      </p>
      {report.ignoredColumns.length ? <p className="text-stone-600">Ignored columns: {report.ignoredColumns.join(", ")}</p> : null}
      {report.refused.length ? (
        <ul className="flex flex-col gap-1 text-red-800">
          {report.refused.map((r) => (
            <li key={`${r.line}-${r.reason}`}>
              <span className="font-semibold">Line {r.line}:</span>{" "}
              {r.errors.length ? r.errors.map((e) => `${e.path} ${e.message}`).join("; ") : r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function TicketDialog({ eventId, guest, onClose }: { eventId: string; guest: EventListEntry | null; onClose: () => void }) {
  const qr = trpc.guests.ticketQr.useQuery(
    { eventId, guestId: guest?.guestId ?? "00000000-0000-4000-8000-000000000000", ticketCode: guest?.ticketCode },
    { enabled: guest !== null, staleTime: Infinity },
  );
  return (
    <Dialog
      open={guest !== null}
      onClose={onClose}
      title={guest ? `${guest.fullName}'s ticket` : "Ticket"}
      description="The QR code the door scans. Send it to the guest."
    >
      <div className="flex flex-col items-center gap-3">
        {qr.data ? (
          <>
            <img src={qr.data.pngDataUrl} alt={`QR code of ${guest?.fullName}'s ticket`} className="size-64 rounded-xl ring-1 ring-stone-200" />
            <a
              href={qr.data.pngDataUrl}
              download={`ticket-${guest?.fullName.replace(/\W+/g, "-")}.png`}
              className="text-sm font-semibold text-marquee-700 underline"
            >
              Download PNG
            </a>
          </>
        ) : qr.error ? (
          <p role="alert" className="text-sm text-red-700">
            {readServerError(qr.error).message}
          </p>
        ) : (
          <div className="size-64 animate-pulse rounded-xl bg-stone-200" aria-label="Loading the QR code" />
        )}
      </div>
    </Dialog>
  );
}
