export default function Loading() {
  return (
    <div className="flex flex-1 justify-center bg-ink-950 px-4 py-6">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <div className="flex w-full max-w-md flex-col gap-4">
        <div className="h-5 w-24 animate-pulse rounded bg-white/10" />
        <div className="h-9 w-3/4 animate-pulse rounded bg-white/10" />
        <div className="h-28 animate-pulse rounded-2xl bg-white/10" />
        <div className="aspect-square animate-pulse rounded-2xl bg-white/10" />
      </div>
    </div>
  );
}
