"use client";

import { useQuery } from "@tanstack/react-query";
import type { SourceInfo } from "@/lib/contract/api";
import { apiPaths, fetchJson, queryKeys } from "@/lib/queries";
import styles from "./SourceBadge.module.css";

const KIND_LABEL: Record<SourceInfo["kind"], string> = { demo: "Demo", emulator: "Emulator", aws: "AWS" };

/** Names the source Stepscope reads from, so nobody mistakes the demo account for production. */
export function SourceBadge() {
  const { data, error } = useQuery({
    queryKey: queryKeys.source(),
    queryFn: ({ signal }) => fetchJson<SourceInfo>(apiPaths.source(), { signal }),
    staleTime: Infinity,
  });
  if (error && !data) return <span className={`${styles.badge} ${styles.unknown}`}>source unknown</span>;
  if (!data) return <span className={`${styles.badge} ${styles.unknown}`}>…</span>;
  return (
    <span className={`${styles.badge} ${styles[data.kind]}`} data-testid="source-badge" title={data.endpoint ?? data.label}>
      <strong>{KIND_LABEL[data.kind]}</strong>
      {data.kind !== "demo" && <span className={styles.detail}>{data.label}</span>}
      {data.kind === "demo" && <span className={styles.detail}>simulated account · no AWS</span>}
    </span>
  );
}
