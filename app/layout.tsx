import type { Metadata } from "next";
import { Suspense, type ReactNode } from "react";
import Link from "next/link";
import { connection } from "next/server";
import "./globals.css";
import { Providers } from "./providers";
import { SourceBadge } from "@/components/ui/SourceBadge";
import { SourceSwitcher } from "@/components/sources/SourceSwitcher";
import { HeaderSearch } from "@/components/search/HeaderSearch";

export const metadata: Metadata = {
  title: { default: "Stepscope", template: "%s · Stepscope" },
  description: "Observability for AWS Step Functions: fleet health, live executions, postmortems.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request: the CSP nonce the proxy makes for each page can only be put on
  // Next.js's inline scripts at request time (a prerendered page would need 'unsafe-inline').
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>
          <header className="app-header">
            <Link href="/" className="brand" aria-label="Stepscope home">
              <span className="brand-mark" aria-hidden>◇</span> Stepscope
            </Link>
            <nav className="app-nav">
              <Link href="/">Fleet</Link>
              <Link href="/search">Search</Link>
              <Link href="/import">Import</Link>
              <Link href="/compare">Compare</Link>
            </nav>
            <HeaderSearch />
            <span className="spacer" />
            <Suspense fallback={<SourceBadge />}>
              <SourceSwitcher />
            </Suspense>
          </header>
          {children}
        </Providers>
      </body>
    </html>
  );
}
