import { PageShell, Skeleton } from "@/components/ui/page";

export default function Loading() {
  return (
    <PageShell>
      <p className="sr-only" role="status">
        Loading events…
      </p>
      <div className="mb-8 flex items-end justify-between gap-4">
        <div className="flex flex-col gap-2">
          <Skeleton className="h-10 w-40" />
          <Skeleton className="h-5 w-72" />
        </div>
        <Skeleton className="h-12 w-36 rounded-xl" />
      </div>
      <div className="flex flex-col gap-3">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-24 rounded-2xl" />
        ))}
      </div>
    </PageShell>
  );
}
