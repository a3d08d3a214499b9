export default function Loading() {
  return (
    <div className="flex flex-1 bg-ink-950">
      <p className="sr-only" role="status">
        Loading…
      </p>
      <div className="mx-auto grid w-full max-w-6xl gap-6 px-4 pt-4 sm:px-6 sm:pt-10 lg:grid-cols-[26rem_1fr] lg:gap-14 lg:pt-14">
        <div className="aspect-[4/5] w-full max-w-sm animate-pulse rounded-2xl bg-white/10 lg:max-w-none" />
        <div className="flex flex-col gap-4">
          <div className="h-6 w-48 animate-pulse rounded bg-white/10" />
          <div className="h-14 w-3/4 animate-pulse rounded bg-white/10" />
          <div className="h-28 animate-pulse rounded-2xl bg-white/10" />
        </div>
      </div>
    </div>
  );
}
