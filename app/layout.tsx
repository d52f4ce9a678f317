import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import "./globals.css";
import { Providers } from "./providers";
import { SourceBadge } from "@/components/ui/SourceBadge";

export const metadata: Metadata = {
  title: { default: "Stepscope", template: "%s · Stepscope" },
  description: "Observability for AWS Step Functions: fleet health, live executions, postmortems.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
              <Link href="/import">Import</Link>
            </nav>
            <span className="spacer" />
            <SourceBadge />
          </header>
          {children}
        </Providers>
      </body>
    </html>
  );
}
