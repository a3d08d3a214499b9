"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/server/generated/prisma/enums";

const LINKS: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: "/", label: "Home", roles: ["CURATOR", "PROMOTER", "STAFF", "ADMIN"] },
  { href: "/events", label: "Events", roles: ["CURATOR", "ADMIN"] },
  { href: "/feed", label: "Feed", roles: ["PROMOTER", "ADMIN"] },
  { href: "/door", label: "Door", roles: ["STAFF", "CURATOR"] },
  { href: "/settings", label: "Settings", roles: ["CURATOR", "PROMOTER", "STAFF", "ADMIN"] },
];

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The signed-in user's sections, by role; the current one is marked for screen readers too. */
export function MainNav({ role, variant }: { role: Role; variant: "bar" | "tabs" }) {
  const pathname = usePathname();
  const links = LINKS.filter((link) => link.roles.includes(role));
  if (variant === "bar") {
    return (
      <nav aria-label="Main" className="hidden sm:block">
        <ul className="flex items-center gap-1">
          {links.map((link) => {
            const active = isActive(pathname, link.href);
            return (
              <li key={link.href}>
                <Link
                  href={link.href}
                  aria-current={active ? "page" : undefined}
                  className={`rounded-lg px-3 py-2 text-sm font-medium transition ${
                    active ? "bg-white/10 text-white" : "text-stone-300 hover:bg-white/5 hover:text-white"
                  }`}
                >
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    );
  }
  return (
    <nav aria-label="Main" className="border-t border-white/10 sm:hidden">
      <ul className="mx-auto flex max-w-7xl">
        {links.map((link) => {
          const active = isActive(pathname, link.href);
          return (
            <li key={link.href} className="flex-1">
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`flex min-h-11 items-center justify-center border-b-2 text-sm font-medium ${
                  active ? "border-marquee-500 text-white" : "border-transparent text-stone-400"
                }`}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
