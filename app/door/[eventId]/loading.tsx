export default function Loading() {
  return (
    <div className="mx-auto grid w-full max-w-6xl grid-cols-1 gap-5 px-4 pt-4 pb-10 sm:px-6 lg:grid-cols-2 lg:gap-x-10 lg:pt-8">
      <p className="sr-only" role="status">
        Opening the door…
      </p>
      <div aria-hidden="true" className="flex flex-col gap-2 lg:col-span-2">
        <div className="h-5 w-24 animate-pulse rounded-lg bg-white/10" />
        <div className="h-8 w-3/4 animate-pulse rounded-lg bg-white/10" />
        <div className="h-5 w-1/2 animate-pulse rounded-lg bg-white/10" />
      </div>
      <div aria-hidden="true" className="flex flex-col gap-5">
        <div className="h-32 animate-pulse rounded-3xl bg-white/10" />
        <div className="aspect-[4/3] animate-pulse rounded-3xl bg-white/10" />
      </div>
      <div aria-hidden="true" className="h-14 animate-pulse rounded-2xl bg-white/10" />
    </div>
  );
}
