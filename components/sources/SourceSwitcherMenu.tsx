import Link from "next/link";
import type { SourceKind, SourceScope } from "@/lib/contract/api";
import { ALL_SCOPES, healthCounts, isAllScopes, onlyScope, resolveScopeFilter, scopeLabel, type ScopeFilter } from "@/lib/scopes";
import { visibleText } from "@/lib/security/visible-text";
import { sourceHealthLook } from "@/components/ui/status";
import { SourceHealthBadge } from "@/components/ui/SourceHealthBadge";
import badge from "@/components/ui/SourceBadge.module.css";
import styles from "./SourceSwitcher.module.css";

const KIND_LABEL: Record<SourceKind, string> = { demo: "Demo", emulator: "Emulator", aws: "AWS" };

interface Props {
  scopes: SourceScope[];
  /** The sources the page shows now (the fleet's filter, from the URL). */
  filter: ScopeFilter;
  /** Where choosing a filter leads: the fleet, filtered. */
  hrefFor(filter: ScopeFilter): string;
  open: boolean;
  onToggle(): void;
  onChoose(): void;
}

/** The header's source switcher: every scope with its health; one of them, or all, for the fleet. */
export function SourceSwitcherMenu({ scopes, filter, hrefFor, open, onToggle, onChoose }: Props) {
  const kinds = [...new Set(scopes.map((s) => s.kind))];
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  const resolved = resolveScopeFilter(filter, scopes);
  const current = resolved.all ? (scopes.length === 1 ? scopeLabel(scopes[0]) : `All ${scopes.length} sources`) : resolved.selected.length === 1 ? scopeLabel(resolved.selected[0]) : `${resolved.selected.length} of ${scopes.length} sources`;
  const allChosen = isAllScopes(filter) || resolved.all;
  return (
    <div className={styles.switcher} data-testid="source-switcher">
      <button
        type="button"
        className={styles.button}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={onToggle}
        title={scopes.map((s) => `${scopeLabel(s)}: ${s.endpoint ?? s.label}`).join("\n")}
        data-testid="source-badge"
      >
        <span className={`${badge.badge} ${kind ? badge[kind] : badge.unknown} ${styles.face}`}>
        {kind && <strong>{KIND_LABEL[kind]}</strong>}
        <span className={badge.detail}>{visibleText(current)}</span>
        <span className={styles.summary}>
          {healthCounts(scopes).map(({ state, count }) => {
            const look = sourceHealthLook(state);
            return (
              <span key={state} className={styles.count} title={`${count} ${look.label}`}>
                <span aria-hidden style={{ color: look.color }}>{look.icon}</span>
                <span>{count > 1 || scopes.length > 1 ? `${count} ${look.label}` : look.label}</span>
              </span>
            );
          })}
        </span>
        <span aria-hidden>▾</span>
        </span>
      </button>
      {open && (
        <div className={styles.menu} role="menu" aria-label="Sources">
          {kind === "demo" && <p className={styles.note}>Demo organisation: simulated accounts, no AWS calls.</p>}
          <Link role="menuitemradio" aria-checked={allChosen} className={`${styles.option} ${allChosen ? styles.chosen : ""}`} href={hrefFor(ALL_SCOPES)} onClick={onChoose} data-testid="source-option-all">
            <span className={styles.optionLabel}>All sources</span>
            <span className="faint">{scopes.length} {scopes.length === 1 ? "scope" : "scopes"}</span>
          </Link>
          {scopes.map((scope) => {
            const chosen = !allChosen && resolved.selected.length === 1 && resolved.selected[0].id === scope.id;
            return (
              <Link
                key={scope.id}
                role="menuitemradio"
                aria-checked={chosen}
                className={`${styles.option} ${chosen ? styles.chosen : ""}`}
                href={hrefFor(onlyScope(scope))}
                onClick={onChoose}
                data-testid="source-option"
                data-scope={scope.id}
                data-health={scope.health.state}
              >
                <SourceHealthBadge state={scope.health.state} message={scope.health.message} />
                <span className={styles.optionLabel}>{visibleText(scopeLabel(scope))}</span>
                <span className="type-tag">{KIND_LABEL[scope.kind]}</span>
                {scope.health.message && <span className={styles.message}>{visibleText(scope.health.message)}</span>}
              </Link>
            );
          })}
        </div>
      )}
    </div>
  );
}
