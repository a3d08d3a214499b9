import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function OrderNotFound() {
  return (
    <div className="flex flex-1 items-center justify-center bg-ink-950 px-4 py-20 text-white">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold tracking-widest text-marquee-300 uppercase">404</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight">This order isn't here</h1>
        <p className="mt-3 text-stone-300">The link may be mistyped. Your tickets are also in the mail we sent you.</p>
        <Link href="/" className={buttonClass("accent", "lg", "mt-6")}>
          Go to Marquee
        </Link>
      </div>
    </div>
  );
}
