import { PageShell, Skeleton } from "@/components/ui/page";

export default function Loading() {
  return (
    <PageShell>
      <p className="sr-only" role="status">
        Loading your feed…
      </p>
      <Skeleton className="mb-2 h-10 w-32" />
      <Skeleton className="mb-8 h-5 w-80 max-w-full" />
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid gap-4 sm:grid-cols-2">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-80 rounded-2xl" />
          ))}
        </div>
        <div className="hidden flex-col gap-3 lg:flex">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-36 rounded-2xl" />
          ))}
        </div>
      </div>
    </PageShell>
  );
}
