"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { fieldId, readServerError, type FieldErrors } from "../forms/field-errors";
import { isKnownTimeZone } from "../forms/zoned-time";
import { trpc } from "../trpc";
import { Button, buttonClass } from "../ui/button";
import { describedBy, Field, FieldError, inputClass, TextInput } from "../ui/field";
import { Switch } from "../ui/switch";
import { checkCreate, checkUpdate, emptyDraft, fieldLabel, type EventDraft } from "./event-form-model";
import { LineupEditor } from "./lineup-editor";
import { PosterUpload } from "./poster-upload";
import { TicketEditor } from "./ticket-editor";
import { TimeZoneSelect } from "./time-zone-select";

const SECTIONS = [
  { id: "details", title: "Details" },
  { id: "poster", title: "Poster" },
  { id: "lineup", title: "Lineup" },
  { id: "tickets", title: "Tickets" },
  { id: "options", title: "Options" },
] as const;

type Props =
  | { mode: "create"; timeZones: string[]; initial?: undefined; eventId?: undefined }
  | { mode: "edit"; timeZones: string[]; initial: EventDraft; eventId: string };

/**
 * The event editor, for a new event and for changes to one. Checks with the shared zod schema
 * as you go (after the first attempt to save), and shows the server's own field errors in the
 * same places.
 */
export function EventForm({ mode, timeZones, initial, eventId }: Props) {
  const router = useRouter();
  const utils = trpc.useUtils();
  const [draft, setDraft] = useState<EventDraft>(() => initial ?? emptyDraft("Europe/Berlin"));
  const [zoneTouched, setZoneTouched] = useState(mode === "edit");
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  // A new event starts in the curator's own zone (known only in the browser).
  useEffect(() => {
    if (zoneTouched) return;
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the zone is read after hydration, once, into the editable draft
    if (local && isKnownTimeZone(local)) setDraft((d) => ({ ...d, timezone: local }));
  }, [zoneTouched]);

  const check = mode === "create" ? checkCreate : checkUpdate;
  const liveErrors = useMemo(() => (attempted ? ((check(draft) as { errors?: FieldErrors }).errors ?? {}) : {}), [attempted, check, draft]);
  const errors: FieldErrors = { ...serverErrors, ...liveErrors };
  const errorPaths = Object.keys(errors);

  const saving = useRef(false);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      if (saving.current) return;
      e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function set<K extends keyof EventDraft>(key: K, value: EventDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setServerErrors({});
    setDirty(true);
  }

  const onError = (error: unknown) => {
    saving.current = false;
    const { message, fieldErrors } = readServerError(error);
    setServerErrors(fieldErrors);
    setServerMessage(Object.keys(fieldErrors).length > 0 ? "The server could not save this. Check the fields marked below." : message);
    requestAnimationFrame(() => summaryRef.current?.focus());
  };
  const create = trpc.events.create.useMutation({
    onSuccess: async ({ event }) => {
      await Promise.all([utils.events.list.invalidate(), utils.events.home.invalidate()]);
      router.push(`/events/${event.id}?saved=created`);
    },
    onError,
  });
  const update = trpc.events.update.useMutation({
    onSuccess: async ({ event }) => {
      await Promise.all([
        utils.events.list.invalidate(),
        utils.events.home.invalidate(),
        utils.events.details.invalidate({ id: event.id }),
        utils.events.relatedPosts.invalidate(),
      ]);
      router.push(`/events/${event.id}?saved=updated`);
    },
    onError,
  });
  const pending = create.isPending || update.isPending || create.isSuccess || update.isSuccess;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setAttempted(true);
    setServerMessage(null);
    setServerErrors({});
    if (mode === "create") {
      const result = checkCreate(draft);
      if (!result.ok) return requestAnimationFrame(() => summaryRef.current?.focus());
      saving.current = true;
      create.mutate(result.body);
    } else {
      const result = checkUpdate(draft);
      if (!result.ok) return requestAnimationFrame(() => summaryRef.current?.focus());
      saving.current = true;
      update.mutate({ id: eventId, ...result.body });
    }
  }

  const showSummary = (attempted && errorPaths.length > 0) || serverMessage;

  return (
    <form onSubmit={submit} noValidate className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[12rem_minmax(0,1fr)] lg:gap-10">
      <nav aria-label="Form sections" className="hidden lg:block">
        <ol className="sticky top-24 flex flex-col gap-1 text-sm">
          {SECTIONS.map((section, i) => (
            <li key={section.id}>
              <a
                href={`#${section.id}`}
                className="flex items-center gap-3 rounded-lg px-3 py-2 font-medium text-stone-600 hover:bg-white hover:text-ink-950"
              >
                <span className="grid size-6 place-items-center rounded-full bg-stone-200 text-xs font-bold text-stone-600">{i + 1}</span>
                {section.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <div className="flex min-w-0 flex-col gap-5 sm:gap-6">
        {showSummary ? (
          <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-2xl bg-red-50 p-4 ring-1 ring-red-600/20 focus:outline-none">
            <p className="font-semibold text-red-900">
              {serverMessage ?? `Fix ${errorPaths.length === 1 ? "this field" : `these ${errorPaths.length} fields`} to save the event:`}
            </p>
            {errorPaths.length > 0 ? (
              <ul className="mt-2 flex list-disc flex-col gap-1 pl-5 text-sm text-red-800">
                {errorPaths.map((path) => (
                  <li key={path}>
                    <a href={`#${fieldId(path)}`} className="font-medium underline underline-offset-2">
                      {fieldLabel(path)}
                    </a>
                    : {errors[path]}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <FormSection id="details" title="Details" description="What guests see first: the name, where and when.">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={fieldId("title")} label="Event title" error={errors.title} className="sm:col-span-2">
              <TextInput
                {...describedBy(fieldId("title"), { error: errors.title })}
                value={draft.title}
                onChange={(e) => set("title", e.target.value)}
                placeholder="e.g. Neon Nights: Warehouse Sessions"
                autoComplete="off"
              />
            </Field>
            <Field id={fieldId("venue")} label="Venue" hint="Shown everywhere, even while the address is held back." error={errors.venue}>
              <TextInput
                {...describedBy(fieldId("venue"), { hint: true, error: errors.venue })}
                value={draft.venue}
                onChange={(e) => set("venue", e.target.value)}
                placeholder="e.g. Halle Süd"
              />
            </Field>
            <Field id={fieldId("location")} label="Address" hint="Street, postcode and city." error={errors.location}>
              <TextInput
                {...describedBy(fieldId("location"), { hint: true, error: errors.location })}
                value={draft.location}
                onChange={(e) => set("location", e.target.value)}
                placeholder="e.g. Revaler Straße 99, 10245 Berlin"
                autoComplete="street-address"
              />
            </Field>
            <Field id={fieldId("startDate")} label="Starts" error={errors.startDate}>
              <input
                type="datetime-local"
                {...describedBy(fieldId("startDate"), { error: errors.startDate })}
                value={draft.start}
                onChange={(e) => set("start", e.target.value)}
                className={inputClass}
              />
            </Field>
            <Field id={fieldId("endDate")} label="Ends" optional hint="Leave empty for an open end." error={errors.endDate}>
              <input
                type="datetime-local"
                {...describedBy(fieldId("endDate"), { hint: true, error: errors.endDate })}
                value={draft.end}
                min={draft.start || undefined}
                onChange={(e) => set("end", e.target.value)}
                className={inputClass}
              />
            </Field>
            <div className="sm:col-span-2">
              <TimeZoneSelect
                id={fieldId("timezone")}
                value={draft.timezone}
                zones={timeZones}
                error={errors.timezone}
                onChange={(zone) => {
                  setZoneTouched(true);
                  set("timezone", zone);
                }}
              />
            </div>
          </div>
        </FormSection>

        <FormSection id="poster" title="Poster" description="The first image is the cover on cards, posts and link previews.">
          <PosterUpload
            id={fieldId("poster")}
            posters={draft.posters}
            onChange={(posters) => set("posters", posters)}
            error={errors.poster ?? Object.entries(errors).find(([p]) => p.startsWith("poster."))?.[1]}
          />
        </FormSection>

        <FormSection id="lineup" title="Lineup" description="In running order. Star the headliners.">
          <LineupEditor lineups={draft.lineups} onChange={(lineups) => set("lineups", lineups)} errors={errors} />
        </FormSection>

        <FormSection
          id="tickets"
          title="Ticket types"
          description={
            mode === "edit" ? "Changing prices updates promoters' synced posts too." : "At least one. Prices as you'd write them, like 25.00."
          }
        >
          <TicketEditor tickets={draft.tickets} onChange={(tickets) => set("tickets", tickets)} errors={errors} />
        </FormSection>

        <FormSection id="options" title="Options">
          <div className="flex flex-col divide-y divide-stone-200">
            <div className="pb-5">
              <Switch
                id="option-auto-complete"
                label="Complete automatically"
                description="Marks the event completed once it has ended (its end time, or 24 hours after the start)."
                checked={draft.allowAutoComplete}
                onChange={(v) => set("allowAutoComplete", v)}
              />
            </div>

            <div className="py-5">
              <label htmlFor={fieldId("reminderHoursBefore")} className="text-sm font-medium">
                Reminder to guests
              </label>
              <p className="text-sm text-stone-500">
                Guests with a ticket get a reminder by email this long before the start. Leave empty or 0 for none.
              </p>
              <span className="mt-2 flex items-center gap-2">
                <input
                  {...describedBy(fieldId("reminderHoursBefore"), { error: errors.reminderHoursBefore })}
                  inputMode="numeric"
                  value={draft.reminderHours}
                  onChange={(e) => set("reminderHours", e.target.value)}
                  className={`${inputClass} w-24 text-right tabular-nums`}
                />
                <span className="text-sm text-stone-600">hours before</span>
              </span>
              <FieldError id={`${fieldId("reminderHoursBefore")}-error`} error={errors.reminderHoursBefore} />
              <Field
                id={fieldId("messageInfo.smsMaxLimit")}
                label="SMS per guest"
                hint="The most SMS one guest gets from you for this event. Guests past it are skipped."
                error={errors["messageInfo.smsMaxLimit"]}
              >
                <TextInput
                  {...describedBy(fieldId("messageInfo.smsMaxLimit"), { hint: true, error: errors["messageInfo.smsMaxLimit"] })}
                  inputMode="numeric"
                  value={draft.smsMaxLimit}
                  onChange={(e) => set("smsMaxLimit", e.target.value)}
                  className="w-24 text-right tabular-nums"
                />
              </Field>
            </div>

            <div className="py-5">
              <Switch
                id="option-address-reveal"
                label="Hold back the address"
                description="Promoters' posts and the public page show the venue, but not the address, until the moment you choose."
                checked={draft.isAddressRevealEnabled}
                onChange={(v) => set("isAddressRevealEnabled", v)}
              />
              {draft.isAddressRevealEnabled ? (
                <fieldset className="mt-4 rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200">
                  <legend className="sr-only">When to reveal the address</legend>
                  <div className="flex flex-col gap-4">
                    <label className="flex items-start gap-3">
                      <input
                        type="radio"
                        name="reveal-mode"
                        checked={draft.revealMode === "hoursBeforeStart"}
                        onChange={() => set("revealMode", "hoursBeforeStart")}
                        className="mt-1 size-4 accent-marquee-600"
                      />
                      <span className="flex flex-1 flex-col gap-2">
                        <span className="text-sm font-medium">A number of hours before the start</span>
                        {draft.revealMode === "hoursBeforeStart" ? (
                          <span className="flex items-center gap-2">
                            <label htmlFor={fieldId("addressRevealConfig.hoursBeforeStart")} className="sr-only">
                              Hours before the start
                            </label>
                            <input
                              {...describedBy(fieldId("addressRevealConfig.hoursBeforeStart"), {
                                error: errors["addressRevealConfig.hoursBeforeStart"],
                              })}
                              inputMode="numeric"
                              value={draft.revealHours}
                              onChange={(e) => set("revealHours", e.target.value)}
                              className={`${inputClass} w-24 text-right tabular-nums`}
                            />
                            <span className="text-sm text-stone-600">hours before</span>
                          </span>
                        ) : null}
                        <FieldError
                          id={`${fieldId("addressRevealConfig.hoursBeforeStart")}-error`}
                          error={draft.revealMode === "hoursBeforeStart" ? errors["addressRevealConfig.hoursBeforeStart"] : null}
                        />
                      </span>
                    </label>
                    <label className="flex items-start gap-3">
                      <input
                        type="radio"
                        name="reveal-mode"
                        checked={draft.revealMode === "revealAt"}
                        onChange={() => set("revealMode", "revealAt")}
                        className="mt-1 size-4 accent-marquee-600"
                      />
                      <span className="flex flex-1 flex-col gap-2">
                        <span className="text-sm font-medium">At a set time ({draft.timezone.replace(/_/g, " ")})</span>
                        {draft.revealMode === "revealAt" ? (
                          <>
                            <label htmlFor={fieldId("addressRevealConfig.revealAt")} className="sr-only">
                              Reveal the address at
                            </label>
                            <input
                              type="datetime-local"
                              {...describedBy(fieldId("addressRevealConfig.revealAt"), {
                                error: errors["addressRevealConfig.revealAt"],
                              })}
                              value={draft.revealAt}
                              onChange={(e) => set("revealAt", e.target.value)}
                              className={`${inputClass} max-w-xs`}
                            />
                          </>
                        ) : null}
                        <FieldError
                          id={`${fieldId("addressRevealConfig.revealAt")}-error`}
                          error={draft.revealMode === "revealAt" ? errors["addressRevealConfig.revealAt"] : null}
                        />
                      </span>
                    </label>
                    <FieldError id={`${fieldId("addressRevealConfig")}-error`} error={errors.addressRevealConfig} />
                  </div>
                </fieldset>
              ) : null}
            </div>

            <div className="pt-5">
              <Switch
                id="option-tax"
                label="Charge tax"
                description="Adds a tax line to ticket sales, such as VAT."
                checked={draft.isTaxEnabled}
                onChange={(v) => set("isTaxEnabled", v)}
              />
              {draft.isTaxEnabled ? (
                <div className="mt-4 grid gap-4 rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200 sm:grid-cols-[1fr_10rem]">
                  <Field id={fieldId("taxConfig.label")} label="Label" error={errors["taxConfig.label"]}>
                    <TextInput
                      {...describedBy(fieldId("taxConfig.label"), { error: errors["taxConfig.label"] })}
                      value={draft.taxLabel}
                      onChange={(e) => set("taxLabel", e.target.value)}
                    />
                  </Field>
                  <Field id={fieldId("taxConfig.rateBasisPoints")} label="Rate (%)" error={errors["taxConfig.rateBasisPoints"]}>
                    <TextInput
                      {...describedBy(fieldId("taxConfig.rateBasisPoints"), { error: errors["taxConfig.rateBasisPoints"] })}
                      inputMode="decimal"
                      value={draft.taxRate}
                      onChange={(e) => set("taxRate", e.target.value)}
                      placeholder="19"
                      className="text-right tabular-nums"
                    />
                  </Field>
                  <label className="flex items-center gap-3 text-sm font-medium sm:col-span-2">
                    <input
                      type="checkbox"
                      checked={draft.taxIncluded}
                      onChange={(e) => set("taxIncluded", e.target.checked)}
                      className="size-4 accent-marquee-600"
                    />
                    Ticket prices already include it
                  </label>
                  <div className="sm:col-span-2">
                    <FieldError id={`${fieldId("taxConfig")}-error`} error={errors.taxConfig} />
                  </div>
                </div>
              ) : null}
            </div>

            <fieldset className="pt-5">
              <legend className="text-sm font-semibold text-ink-950">Promoter commission</legend>
              <p className="text-sm text-stone-600">What a promoter earns on each ticket sold through their post (price before tax).</p>
              <div className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-start">
                <label htmlFor="commission-type" className="sr-only">
                  Commission kind
                </label>
                <select
                  id="commission-type"
                  value={draft.commissionType}
                  onChange={(e) => set("commissionType", e.target.value as EventDraft["commissionType"])}
                  className={`${inputClass} sm:w-56`}
                >
                  <option value="NONE">No commission</option>
                  <option value="PERCENT">Percent of the price</option>
                  <option value="FIXED">Fixed amount per ticket</option>
                </select>
                {draft.commissionType !== "NONE" ? (
                  <div className="flex flex-1 flex-col gap-1">
                    <label htmlFor={fieldId("commission.value")} className="sr-only">
                      {draft.commissionType === "PERCENT" ? "Commission (%)" : `Commission per ticket (${draft.tickets[0]?.currency ?? "EUR"})`}
                    </label>
                    <div className="flex items-center gap-2">
                      <input
                        {...describedBy(fieldId("commission.value"), { error: errors["commission.value"] ?? errors.commission })}
                        inputMode="decimal"
                        value={draft.commissionValue}
                        onChange={(e) => set("commissionValue", e.target.value)}
                        placeholder={draft.commissionType === "PERCENT" ? "10" : "2.00"}
                        className={`${inputClass} w-28 text-right tabular-nums`}
                      />
                      <span className="text-sm text-stone-600">
                        {draft.commissionType === "PERCENT" ? "%" : `${draft.tickets[0]?.currency ?? "EUR"} per ticket`}
                      </span>
                    </div>
                    <FieldError id={`${fieldId("commission.value")}-error`} error={errors["commission.value"] ?? errors.commission} />
                  </div>
                ) : null}
              </div>
            </fieldset>
          </div>
        </FormSection>

        <div
          data-sticky-bar
          className="sticky bottom-0 z-20 -mx-4 flex items-center justify-end gap-2 border-t border-stone-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6 lg:mx-0 lg:rounded-2xl lg:border lg:shadow-lg"
        >
          <p className="mr-auto hidden text-sm text-stone-500 sm:block" aria-live="polite">
            {pending ? "Saving…" : dirty ? "Unsaved changes" : mode === "edit" ? "No changes yet" : ""}
          </p>
          <Link href={mode === "edit" ? `/events/${eventId}` : "/events"} className={buttonClass("ghost")}>
            Cancel
          </Link>
          <Button type="submit" variant="accent" pending={pending}>
            {mode === "create" ? "Create event" : "Save changes"}
          </Button>
        </div>
      </div>
    </form>
  );
}

function FormSection({ id, title, description, children }: { id: string; title: string; description?: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-6">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-ink-950">
        {title}
      </h2>
      {description ? <p className="mt-0.5 text-sm text-stone-600">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}
