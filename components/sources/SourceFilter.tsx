import type { SourceScope } from "@/lib/contract/api";
import { filterChoices, isChosen, toggleChoice, type ScopeFilter } from "@/lib/scopes";
import { visibleText } from "@/lib/security/visible-text";
import styles from "./SourceFilter.module.css";

interface Props {
  scopes: SourceScope[];
  filter: ScopeFilter;
  onChange(filter: ScopeFilter): void;
}

/** The fleet's filter: a row of sources and a row of Regions; none chosen in a row is all of it. */
export function SourceFilter({ scopes, filter, onChange }: Props) {
  const choices = filterChoices(scopes);
  if (scopes.length <= 1) return null;
  const row = (key: "sources" | "regions", label: string, values: string[]) => {
    // A scope id chosen in the switcher is shown as chosen on neither row; "All" is off then.
    const none = filter[key].length === 0;
    return (
      <div className={styles.row} role="group" aria-label={`${label} filter`} data-testid={`filter-${key}`}>
        <span className={styles.label}>{label}</span>
        <button type="button" className={`${styles.chip} ${none ? styles.on : ""}`} aria-pressed={none} onClick={() => onChange({ ...filter, [key]: [] })}>
          All
        </button>
        {values.map((value) => (
          <button
            key={value}
            type="button"
            className={`${styles.chip} ${isChosen(filter, key, value) ? styles.on : ""}`}
            aria-pressed={isChosen(filter, key, value)}
            onClick={() => onChange(toggleChoice(filter, key, value, scopes))}
            data-value={value}
          >
            {visibleText(value)}
          </button>
        ))}
      </div>
    );
  };
  return (
    <div className={styles.filter} data-testid="source-filter">
      {row("sources", "Source", choices.sources)}
      {choices.regions.length > 1 && row("regions", "Region", choices.regions)}
    </div>
  );
}
