import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Header } from "@/components/header";
import { SessionBoundary } from "@/components/session-boundary";
import { optionalSession } from "@/lib/session";
import "./globals.css";

// Every page depends on who is signed in: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Assure — IEC 62443 supply-chain assurance", template: "%s · Assure" },
  description: "Match suppliers' IEC 62443 capability claims to the security levels your zones need.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await optionalSession();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <SessionBoundary session={session}>
          {session?.userId ? <Header session={session} /> : null}
          <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
            {children}
          </main>
        </SessionBoundary>
      </body>
    </html>
  );
}
