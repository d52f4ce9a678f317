"use client";

import { usePathname } from "next/navigation";
import { decodeArnParam } from "@/lib/format/decode-arn-param";
import { StateMachineView } from "@/components/state-machine/StateMachineView";

/**
 * The 404 for an unknown state machine keeps the explanatory page: the same view, which asks the API
 * and says why there is nothing to show (no such state machine, not an ARN) and what to do about it.
 */
export default function NotFound() {
  const segment = usePathname().split("/").pop() ?? "";
  return (
    <main className="page">
      <StateMachineView arn={decodeArnParam(segment)} />
    </main>
  );
}
