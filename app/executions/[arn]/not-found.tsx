"use client";

import { usePathname } from "next/navigation";
import { decodeArnParam } from "@/lib/format/decode-arn-param";
import { ExecutionView } from "@/components/execution/ExecutionView";

/**
 * The 404 for an unknown execution keeps the explanatory page: the same view, which asks the API
 * and says why there is nothing to show (no such execution, not an ARN) and what to do about it.
 */
export default function NotFound() {
  const segment = usePathname().split("/").pop() ?? "";
  return (
    <main className="page">
      <ExecutionView arn={decodeArnParam(segment)} />
    </main>
  );
}
