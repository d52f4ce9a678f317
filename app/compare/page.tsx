import { Suspense } from "react";
import type { Metadata } from "next";
import { CompareView } from "@/components/compare/CompareView";
import { ComparePicker } from "@/components/compare/ComparePicker";

export const metadata: Metadata = { title: "Compare executions" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ComparePage({ searchParams }: Props) {
  const params = await searchParams;
  const a = first(params.a);
  const b = first(params.b);
  return (
    <main className="page">
      {a && b ? (
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <CompareView a={a} b={b} />
        </Suspense>
      ) : (
        <ComparePicker a={a} />
      )}
    </main>
  );
}

function first(v: string | string[] | undefined): string | undefined {
  const value = Array.isArray(v) ? v[0] : v;
  return value && value.trim() !== "" ? value.trim() : undefined;
}
