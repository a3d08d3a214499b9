"use client";

import { useEffect, useRef, useState } from "react";
import { fieldId, type FieldErrors } from "../forms/field-errors";
import { Button } from "../ui/button";
import { describedBy, FieldError, inputClass } from "../ui/field";
import { emptyLineup, type LineupDraft } from "./event-form-model";

/**
 * The lineup in running order. Reorder by dragging a row's handle, with the arrow keys on the
 * handle (or Alt+↑/↓ anywhere in a row), or with the Move up / Move down buttons; every move
 * is announced. A star marks headliners (any number of them).
 */
export function LineupEditor({
  lineups,
  onChange,
  errors,
}: {
  lineups: LineupDraft[];
  onChange: (lineups: LineupDraft[]) => void;
  errors: FieldErrors;
}) {
  const [announcement, setAnnouncement] = useState("");
  const [dragKey, setDragKey] = useState<string | null>(null);
  const [armedKey, setArmedKey] = useState<string | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const focusAfterMove = useRef<string | null>(null);

  useEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    focusAfterMove.current = null;
    document.getElementById(target)?.focus();
  }, [lineups]);

  const name = (lineup: LineupDraft, index: number) => lineup.title.trim() || `Act ${index + 1}`;

  function move(from: number, to: number, focusId?: string) {
    if (to < 0 || to >= lineups.length || from === to) return;
    const next = [...lineups];
    const [moved] = next.splice(from, 1);
    if (!moved) return;
    next.splice(to, 0, moved);
    if (focusId) focusAfterMove.current = focusId;
    onChange(next);
    setAnnouncement(`${name(moved, from)} moved to position ${to + 1} of ${next.length}.`);
  }

  function update(index: number, patch: Partial<LineupDraft>) {
    onChange(lineups.map((l, i) => (i === index ? { ...l, ...patch } : l)));
  }

  function remove(index: number) {
    const removed = lineups[index];
    onChange(lineups.filter((_, i) => i !== index));
    if (removed) setAnnouncement(`${name(removed, index)} removed from the lineup.`);
  }

  function add() {
    const lineup = emptyLineup();
    focusAfterMove.current = fieldId(`lineups.${lineups.length}.title`);
    onChange([...lineups, lineup]);
  }

  return (
    <div className="flex flex-col gap-3">
      <p id="lineup-reorder-help" className="sr-only">
        Use the up and down arrow keys on the handle to move this act in the running order.
      </p>
      {lineups.length === 0 ? (
        <div className="rounded-xl border-2 border-dashed border-stone-300 bg-stone-50 px-4 py-8 text-center">
          <p className="text-sm font-medium text-stone-700">No acts yet</p>
          <p className="mt-1 text-sm text-stone-500">Add the headliner and support acts in running order.</p>
        </div>
      ) : (
        <ol className="flex flex-col gap-2" aria-label="Lineup, in running order">
          {lineups.map((lineup, index) => {
            const titlePath = `lineups.${index}.title`;
            const introPath = `lineups.${index}.introduction`;
            const handleId = `lineup-handle-${lineup.key}`;
            const titleError = errors[titlePath];
            return (
              <li
                key={lineup.key}
                data-testid="lineup-row"
                draggable={armedKey === lineup.key}
                onDragStart={(e) => {
                  setDragKey(lineup.key);
                  e.dataTransfer.effectAllowed = "move";
                  e.dataTransfer.setData("text/plain", lineup.key);
                }}
                onDragEnd={() => {
                  setDragKey(null);
                  setArmedKey(null);
                  setOverIndex(null);
                }}
                onDragOver={(e) => {
                  if (!dragKey) return;
                  e.preventDefault();
                  e.dataTransfer.dropEffect = "move";
                  setOverIndex(index);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  const from = lineups.findIndex((l) => l.key === dragKey);
                  if (from >= 0) move(from, index);
                  setDragKey(null);
                  setArmedKey(null);
                  setOverIndex(null);
                }}
                onKeyDown={(e) => {
                  if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
                  e.preventDefault();
                  move(index, index + (e.key === "ArrowUp" ? -1 : 1), (e.target as HTMLElement).id || handleId);
                }}
                className={`flex gap-2 rounded-xl bg-white p-2 ring-1 transition sm:gap-3 sm:p-3 ${
                  dragKey === lineup.key ? "opacity-50" : ""
                } ${overIndex === index && dragKey && dragKey !== lineup.key ? "ring-2 ring-marquee-500" : "ring-stone-200"}`}
              >
                <div className="flex flex-col items-center gap-1">
                  <button
                    id={handleId}
                    type="button"
                    aria-label={`Reorder ${name(lineup, index)}, position ${index + 1} of ${lineups.length}`}
                    aria-describedby="lineup-reorder-help"
                    onPointerDown={() => setArmedKey(lineup.key)}
                    onPointerUp={() => setArmedKey(null)}
                    onKeyDown={(e) => {
                      if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
                      e.preventDefault();
                      e.stopPropagation();
                      move(index, index + (e.key === "ArrowUp" ? -1 : 1), handleId);
                    }}
                    className="grid size-10 cursor-grab touch-none place-items-center rounded-lg text-stone-400 hover:bg-stone-100 hover:text-stone-700 active:cursor-grabbing"
                  >
                    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
                      <path d="M7 4a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm0 6a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm-1.5 7.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM16 4a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Zm-1.5 7.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3ZM16 16a1.5 1.5 0 1 1-3 0 1.5 1.5 0 0 1 3 0Z" />
                    </svg>
                  </button>
                  <span aria-hidden="true" className="text-xs font-semibold text-stone-400 tabular-nums">
                    {index + 1}
                  </span>
                </div>

                <div className="flex min-w-0 flex-1 flex-col gap-2">
                  <div className="flex items-start gap-2">
                    <div className="min-w-0 flex-1">
                      <label htmlFor={fieldId(titlePath)} className="sr-only">
                        Act {index + 1} name
                      </label>
                      <input
                        {...describedBy(fieldId(titlePath), { error: titleError })}
                        value={lineup.title}
                        onChange={(e) => update(index, { title: e.target.value })}
                        placeholder="Artist or act name"
                        autoComplete="off"
                        className={`${inputClass} font-medium`}
                      />
                    </div>
                    <button
                      type="button"
                      aria-pressed={lineup.isHeadliner}
                      onClick={() => update(index, { isHeadliner: !lineup.isHeadliner })}
                      className={`inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-sm font-semibold ring-1 transition ring-inset ${
                        lineup.isHeadliner
                          ? "bg-marquee-100 text-marquee-800 ring-marquee-400"
                          : "bg-white text-stone-600 ring-stone-300 hover:bg-stone-50"
                      }`}
                    >
                      <svg
                        aria-hidden="true"
                        viewBox="0 0 20 20"
                        fill={lineup.isHeadliner ? "currentColor" : "none"}
                        stroke="currentColor"
                        strokeWidth={1.5}
                        className="size-4"
                      >
                        <path strokeLinejoin="round" d="M10 2.5l2.3 4.7 5.2.8-3.8 3.6.9 5.2L10 14.3l-4.6 2.5.9-5.2L2.5 8l5.2-.8L10 2.5Z" />
                      </svg>
                      <span className="hidden sm:inline">Headliner</span>
                      <span className="sr-only sm:hidden">Headliner</span>
                    </button>
                  </div>
                  <FieldError id={`${fieldId(titlePath)}-error`} error={titleError} />
                  <label htmlFor={fieldId(introPath)} className="sr-only">
                    Act {index + 1} introduction
                  </label>
                  <input
                    {...describedBy(fieldId(introPath), { error: errors[introPath] })}
                    value={lineup.introduction}
                    onChange={(e) => update(index, { introduction: e.target.value })}
                    placeholder="One line about them (optional)"
                    className={`${inputClass} text-sm`}
                  />
                  <FieldError id={`${fieldId(introPath)}-error`} error={errors[introPath]} />
                </div>

                <div className="flex flex-col gap-1">
                  <IconButton label={`Move ${name(lineup, index)} up`} disabled={index === 0} onClick={() => move(index, index - 1, handleId)}>
                    <path
                      fillRule="evenodd"
                      d="M9.47 6.47a.75.75 0 0 1 1.06 0l4.25 4.25a.75.75 0 1 1-1.06 1.06L10 8.06l-3.72 3.72a.75.75 0 0 1-1.06-1.06l4.25-4.25Z"
                      clipRule="evenodd"
                    />
                  </IconButton>
                  <IconButton
                    label={`Move ${name(lineup, index)} down`}
                    disabled={index === lineups.length - 1}
                    onClick={() => move(index, index + 1, handleId)}
                  >
                    <path
                      fillRule="evenodd"
                      d="M5.22 8.22a.75.75 0 0 1 1.06 0L10 11.94l3.72-3.72a.75.75 0 1 1 1.06 1.06l-4.25 4.25a.75.75 0 0 1-1.06 0L5.22 9.28a.75.75 0 0 1 0-1.06Z"
                      clipRule="evenodd"
                    />
                  </IconButton>
                  <IconButton label={`Remove ${name(lineup, index)}`} onClick={() => remove(index)} danger>
                    <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                  </IconButton>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <FieldError id={`${fieldId("lineups")}-error`} error={errors.lineups} />
      <div>
        <Button variant="secondary" onClick={add} disabled={lineups.length >= 100}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
          </svg>
          Add act
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

function IconButton({
  label,
  onClick,
  disabled,
  danger = false,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      title={label}
      className={`grid size-9 place-items-center rounded-lg text-stone-500 transition disabled:opacity-30 ${
        danger ? "hover:bg-red-50 hover:text-red-700" : "hover:bg-stone-100 hover:text-ink-950"
      }`}
    >
      <span className="sr-only">{label}</span>
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
        {children}
      </svg>
    </button>
  );
}
