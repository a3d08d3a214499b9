import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function DoorNotFound() {
  return (
    <div className="flex flex-1 items-center justify-center px-4 py-16">
      <div className="max-w-md rounded-3xl bg-ink-900 p-6 text-center ring-1 ring-white/10">
        <h1 className="text-2xl font-bold text-white">No door here</h1>
        <p className="mt-2 text-base text-stone-300">
          This event doesn't exist, or you're not on its door. Its curator can add you to its door staff.
        </p>
        <Link href="/door" className={buttonClass("secondary", "lg", "mt-6")}>
          Your doors
        </Link>
      </div>
    </div>
  );
}
