import { PageShell, Skeleton } from "@/components/ui/page";

export default function Loading() {
  return (
    <PageShell>
      <p className="sr-only" role="status">
        Loading the event…
      </p>
      <Skeleton className="mb-4 h-5 w-24" />
      <div className="flex gap-5 rounded-2xl bg-white p-4 ring-1 ring-stone-200 sm:p-6">
        <Skeleton className="aspect-[4/5] w-24 rounded-xl sm:w-40" />
        <div className="flex flex-1 flex-col gap-3">
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="h-9 w-3/4" />
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="mt-auto h-11 w-64 rounded-xl" />
        </div>
      </div>
      <div className="mt-6 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24 rounded-2xl" />
        ))}
      </div>
      <Skeleton className="mt-6 h-64 rounded-2xl" />
    </PageShell>
  );
}
