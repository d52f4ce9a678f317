import { Suspense } from "react";
import type { Metadata } from "next";
import { ExecutionView } from "@/components/execution/ExecutionView";
import { nameFromArn } from "@/lib/format/arn";
import { decodeArnParam } from "@/lib/format/decode-arn-param";
import { answer404WhenMissing } from "@/app/_lib/answer-404-when-missing";

type Params = { params: Promise<{ arn: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: nameFromArn(decodeArnParam((await params).arn)) };
}

export default async function ExecutionPage({ params, searchParams }: Params) {
  const segment = (await params).arn;
  const source = (await searchParams)?.source;
  await answer404WhenMissing("execution", segment, typeof source === "string" ? source : undefined);
  const arn = decodeArnParam(segment);
  return (
    <main className="page">
      <Suspense fallback={<p className="muted">Loading execution…</p>}>
        <ExecutionView arn={arn} />
      </Suspense>
    </main>
  );
}
