"use client";

import type { SourceScope } from "@/lib/contract/api";
import { useSources } from "@/lib/queries";
import { placeOfArn, scopeLabel, scopeOfArn } from "@/lib/scopes";
import { visibleText } from "@/lib/security/visible-text";
import { SourceHealthBadge } from "@/components/ui/SourceHealthBadge";
import styles from "./ScopeTag.module.css";

/** Which source, account and Region a page's ARN belongs to, with the source's health when it is not ok. */
export function ScopeTag({ arn, source }: { arn: string; source?: string | null }) {
  const { data } = useSources();
  return <ScopeTagView arn={arn} scope={data ? scopeOfArn(arn, data.scopes, source) : undefined} known={data !== undefined} />;
}

export function ScopeTagView({ arn, scope, known }: { arn: string; scope: SourceScope | undefined; known: boolean }) {
  if (scope) {
    return (
      <span className={styles.tag} data-testid="scope-tag" data-scope={scope.id} title={`Source ${scope.name}, account ${scope.accountId ?? "not known yet"}, Region ${scope.region}`}>
        {scope.health.state !== "ok" && <SourceHealthBadge state={scope.health.state} message={scope.health.message} compact />}
        {visibleText(scopeLabel(scope))}
      </span>
    );
  }
  const place = placeOfArn(arn);
  if (!place || !known) return null;
  // The ARN says where it lives even when no configured source serves it.
  return (
    <span className={`${styles.tag} ${styles.unknown}`} data-testid="scope-tag" title="No configured source serves this account and Region">
      {place.region} · {place.accountId} · no source
    </span>
  );
}
