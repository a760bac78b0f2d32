"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { type ReactNode, useEffect, useState } from "react";

/**
 * The header's navigation: inline on wide screens; below the `xl` breakpoint a "Menu" button opens it as a panel
 * under the header row (with whatever `children` holds, the tenant switcher), so a phone-width page never
 * scrolls sideways. The panel closes when the page changes.
 */
export function MainMenu({
  links,
  children,
}: {
  links: { href: string; label: string }[];
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of reacting to a new path.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <button
        type="button"
        className="btn-secondary py-1.5 xl:hidden"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden>{open ? "✕" : "☰"}</span> Menu
      </button>
      <div
        id="main-menu"
        className={`${open ? "flex" : "hidden"} order-last w-full flex-col gap-2 border-t border-slate-200 pt-2 xl:order-none xl:flex xl:w-auto xl:flex-1 xl:flex-row xl:items-center xl:border-0 xl:pt-0`}
      >
        <nav aria-label="Main" className="flex flex-col gap-1 xl:flex-1 xl:flex-row">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              aria-current={pathname === link.href ? "page" : undefined}
              className="whitespace-nowrap rounded-md px-3 py-1.5 text-sm text-slate-700 no-underline hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:font-medium"
            >
              {link.label}
            </Link>
          ))}
        </nav>
        {children}
      </div>
    </>
  );
}
