import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function EventNotFound() {
  return (
    <div className="flex flex-1 items-center justify-center px-4 py-16">
      <div className="max-w-md rounded-2xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
        <h1 className="text-xl font-bold text-ink-950">No such event</h1>
        <p className="mt-2 text-sm text-stone-600">It may have been deleted, the link may be mistyped, or it belongs to another curator.</p>
        <Link href="/events" className={buttonClass("primary", "md", "mt-5")}>
          Back to your events
        </Link>
      </div>
    </div>
  );
}
