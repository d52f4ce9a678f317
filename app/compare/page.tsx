import { Suspense } from "react";
import type { Metadata } from "next";
import { CompareView } from "@/components/compare/CompareView";

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
        <div className="panel problem" role="alert" data-testid="compare-usage">
          <h1>Compare two executions</h1>
          <p>Give two executions of the same state machine: <code>/compare?a=EXECUTION_ARN&amp;b=EXECUTION_ARN</code>.</p>
          <p className="muted">On a failed execution&apos;s page, “Compare with last success” opens this with the latest successful run.</p>
        </div>
      )}
    </main>
  );
}

function first(v: string | string[] | undefined): string | undefined {
  const value = Array.isArray(v) ? v[0] : v;
  return value && value.trim() !== "" ? value.trim() : undefined;
}
