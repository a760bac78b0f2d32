"use client";

import { signOut } from "next-auth/react";
import { DropdownMenu } from "radix-ui";

export function UserMenu({ name, email }: { name: string; email: string }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="btn-secondary py-1.5" aria-label={`Account menu for ${name}`}>
        <span
          aria-hidden
          className="grid h-6 w-6 place-items-center rounded-full bg-slate-200 text-xs font-semibold"
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="hidden whitespace-nowrap sm:inline">{name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-52 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-500">{email}</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item
            className="cursor-pointer rounded px-2 py-1.5 outline-none data-[highlighted]:bg-slate-100"
            onSelect={() => void signOut({ callbackUrl: "/login" })}
          >
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
