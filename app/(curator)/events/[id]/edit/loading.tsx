import { PageShell, Skeleton } from "@/components/ui/page";

export default function Loading() {
  return (
    <PageShell>
      <p className="sr-only" role="status">
        Loading the editor…
      </p>
      <Skeleton className="mb-2 h-5 w-40" />
      <Skeleton className="mb-8 h-10 w-56" />
      <div className="grid gap-6 lg:grid-cols-[12rem_minmax(0,1fr)] lg:gap-10">
        <div className="hidden flex-col gap-2 lg:flex">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
        <div className="flex flex-col gap-6">
          <Skeleton className="h-80 rounded-2xl" />
          <Skeleton className="h-64 rounded-2xl" />
        </div>
      </div>
    </PageShell>
  );
}
