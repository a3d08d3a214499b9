"use client";

import { useState } from "react";
import { ZCreateApiKeyInput } from "@/server/domain/api-keys/schema";
import { issuesToFieldErrors, readServerError } from "../forms/field-errors";
import { trpc } from "../trpc";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { describedBy, Field, TextInput } from "../ui/field";
import { ShownOnce } from "./shown-once";

type ApiKey = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** API keys for scripts and partner systems: create (shown once), list, revoke. */
export function ApiKeys({ initialKeys }: { initialKeys: ApiKey[] }) {
  const utils = trpc.useUtils();
  const { data: keys = initialKeys } = trpc.apiKeys.list.useQuery(undefined, { initialData: initialKeys });
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; plaintext: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [announcement, setAnnouncement] = useState("");

  const create = trpc.apiKeys.create.useMutation({
    onSuccess: async ({ apiKey, plaintext }) => {
      setCreated({ name: apiKey.name, plaintext });
      setName("");
      setAnnouncement(`Key "${apiKey.name}" created. Copy it now: it is shown only once.`);
      await utils.apiKeys.list.invalidate();
    },
    onError: (error) => {
      const { message, fieldErrors } = readServerError(error);
      setNameError(fieldErrors.name ?? message);
    },
  });
  const revoke = trpc.apiKeys.revoke.useMutation({
    onSuccess: async (_data, { id }) => {
      const key = keys.find((k) => k.id === id);
      setRevoking(null);
      setAnnouncement(`Key "${key?.name ?? ""}" revoked. Scripts using it are refused from now on.`);
      await utils.apiKeys.list.invalidate();
    },
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const result = ZCreateApiKeyInput.safeParse({ name });
    if (!result.success) return setNameError(issuesToFieldErrors(result.error.issues).name ?? "Check the name");
    setNameError(null);
    create.mutate(result.data);
  }

  return (
    <div className="flex flex-col gap-5">
      {created ? (
        <ShownOnce
          key={created.plaintext}
          id="new-api-key"
          title={`Your new key “${created.name}”`}
          label="New API key"
          value={created.plaintext}
          copyLabel="Copy key"
          onDone={() => setCreated(null)}
          announce={setAnnouncement}
        />
      ) : null}

      <form onSubmit={submit} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Field id="api-key-name" label="New key's name" hint="What it's for, e.g. “Box office sync”." error={nameError} className="flex-1">
          <TextInput
            {...describedBy("api-key-name", { hint: true, error: nameError })}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            autoComplete="off"
          />
        </Field>
        <Button type="submit" pending={create.isPending} className="sm:mt-7">
          Create key
        </Button>
      </form>

      {keys.length === 0 ? (
        <p className="rounded-xl bg-stone-50 px-4 py-6 text-center text-sm text-stone-500 ring-1 ring-stone-200">
          No keys yet. Scripts send a key as <code className="font-mono text-ink-950">Authorization: Bearer &lt;key&gt;</code>.
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100 rounded-xl ring-1 ring-stone-200" aria-label="Your API keys">
          {keys.map((key) => (
            <li key={key.id} className="flex items-center gap-3 px-4 py-3" data-testid="api-key">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-ink-950">{key.name}</p>
                <p className="text-xs text-stone-500">
                  <span className="font-mono">{key.prefix}…</span> · created {dateFormat.format(key.createdAt)} ·{" "}
                  {key.lastUsedAt ? `last used ${dateFormat.format(key.lastUsedAt)}` : "never used"}
                </p>
              </div>
              <Button variant="dangerGhost" size="sm" onClick={() => setRevoking(key)}>
                Revoke<span className="sr-only"> {key.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}

      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>

      <Dialog
        open={revoking !== null}
        onClose={() => !revoke.isPending && setRevoking(null)}
        title="Revoke this key?"
        description={<span className="font-medium text-ink-950">{revoking?.name}</span>}
      >
        <p className="text-sm text-stone-700">Scripts using it are refused at once. This can't be undone; create a new key to replace it.</p>
        {revoke.error ? (
          <p role="alert" className="mt-3 text-sm font-medium text-red-700">
            {readServerError(revoke.error).message}
          </p>
        ) : null}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setRevoking(null)} disabled={revoke.isPending}>
            Keep it
          </Button>
          <Button variant="danger" pending={revoke.isPending} onClick={() => revoking && revoke.mutate({ id: revoking.id })}>
            Revoke key
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
