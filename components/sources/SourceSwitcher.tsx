"use client";

import { useEffect, useRef, useState } from "react";
import { usePathname, useSearchParams } from "next/navigation";
import { useSources } from "@/lib/queries";
import { scopeFilterFromSearch, writeScopeFilter, type ScopeFilter } from "@/lib/scopes";
import badge from "@/components/ui/SourceBadge.module.css";
import { SourceSwitcherMenu } from "./SourceSwitcherMenu";

/** The header's switcher, fed by /api/sources; choosing leads to the fleet, filtered (a link, so it can be shared). */
export function SourceSwitcher() {
  const { data, error } = useSources();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (!data) return <span className={`${badge.badge} ${badge.unknown}`}>{error ? "source unknown" : "…"}</span>;
  const params = new URLSearchParams(searchParams.toString());
  const onFleet = pathname === "/";
  const hrefFor = (filter: ScopeFilter) => {
    // On the fleet, the window, sort and search stay; from another page, the fleet opens plain.
    const next = onFleet ? new URLSearchParams(params) : new URLSearchParams();
    writeScopeFilter(next, filter);
    const qs = next.toString();
    return qs ? `/?${qs}` : "/";
  };
  return (
    <div ref={root}>
      <SourceSwitcherMenu
        scopes={data.scopes}
        filter={onFleet ? scopeFilterFromSearch(params) : { sources: params.getAll("source"), regions: [] }}
        hrefFor={hrefFor}
        open={open}
        onToggle={() => setOpen(!open)}
        onChoose={() => setOpen(false)}
      />
    </div>
  );
}
