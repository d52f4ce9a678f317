import { Suspense } from "react";
import type { Metadata } from "next";
import { ExecutionView } from "@/components/execution/ExecutionView";
import { nameFromArn } from "@/lib/format/arn";
import { decodeArnParam } from "@/lib/format/decode-arn-param";

type Params = { params: Promise<{ arn: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: nameFromArn(decodeArnParam((await params).arn)) };
}

export default async function ExecutionPage({ params }: Params) {
  const arn = decodeArnParam((await params).arn);
  return (
    <main className="page">
      <Suspense fallback={<p className="muted">Loading execution…</p>}>
        <ExecutionView arn={arn} />
      </Suspense>
    </main>
  );
}
