import { Suspense } from "react";
import type { Metadata } from "next";
import { ImportView } from "@/components/import/ImportView";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <main className="page">
      <Suspense fallback={<p className="muted">Loading…</p>}>
        <ImportView />
      </Suspense>
    </main>
  );
}
