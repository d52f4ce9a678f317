/**
 * The source switcher, the fleet's source filter, its totals per source and its source columns,
 * rendered from contract-shaped data as the API answers it.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FleetTotals, ScopeRef, SourceScope, SourceTotals } from "@/lib/contract/api";
import { ALL_SCOPES, onlyScope, writeScopeFilter, type ScopeFilter } from "@/lib/scopes";
import { STATUS_LOOKS } from "@/components/ui/status";
import { SourceSwitcherMenu } from "@/components/sources/SourceSwitcherMenu";
import { SourceTotalsTable } from "@/components/sources/SourceTotalsTable";
import { SourceFilter } from "@/components/sources/SourceFilter";
import { FleetTable, type SourcedFleetRow } from "@/components/fleet/FleetTable";

const DENIED = "User: arn:aws:sts::222222222222:assumed-role/StepscopeReadOnly/stepscope is not authorized to perform: states:ListStateMachines";

function scope(name: string, region: string, accountId: string, state: SourceScope["health"]["state"] = "ok", message?: string): SourceScope {
  return { id: `${name}:${region}`, name, region, accountId, kind: "demo", label: `${name} · ${region} · ${accountId}`, health: { state, message } };
}

const SCOPES = [
  scope("prod", "us-east-1", "123456789012"),
  scope("prod", "eu-west-1", "123456789012"),
  scope("staging", "us-east-1", "222222222222", "throttled", "Rate exceeded"),
  scope("staging", "eu-west-1", "222222222222", "denied", DENIED),
];

const hrefFor = (filter: ScopeFilter) => {
  const p = new URLSearchParams();
  writeScopeFilter(p, filter);
  return `/?${p}`;
};

function menu(filter: ScopeFilter, open = true): string {
  return renderToStaticMarkup(<SourceSwitcherMenu scopes={SCOPES} filter={filter} hrefFor={hrefFor} open={open} onToggle={() => undefined} onChoose={() => undefined} />);
}

/** The options of the open menu as `scope|health|href|checked`. */
function options(html: string): string[] {
  return [...html.matchAll(/<a [^>]*data-testid="source-option"[^>]*>/g)].map((m) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(m[0])?.[1];
    return `${attr("data-scope")}|${attr("data-health")}|${attr("href")?.replace(/&amp;/g, "&")}|${attr("aria-checked")}`;
  });
}

describe("SourceSwitcherMenu", () => {
  it("lists every scope with its health, each leading to the fleet of that scope alone", () => {
    const html = menu(ALL_SCOPES);
    expect(options(html)).toEqual([
      "prod:us-east-1|ok|/?source=prod%3Aus-east-1|false",
      "prod:eu-west-1|ok|/?source=prod%3Aeu-west-1|false",
      "staging:us-east-1|throttled|/?source=staging%3Aus-east-1|false",
      "staging:eu-west-1|denied|/?source=staging%3Aeu-west-1|false",
    ]);
    expect(html).toContain('data-testid="source-option-all"');
    expect(html).toMatch(/data-testid="source-option-all"[^>]*aria-checked="true"|aria-checked="true"[^>]*data-testid="source-option-all"/);
    // Health in words, icon and the status table's colours.
    expect(html).toContain("Access denied");
    expect(html).toContain("Throttled");
    expect(html).toContain(STATUS_LOOKS.failed.color);
    expect(html).toContain(STATUS_LOOKS.timed_out.color);
    expect(html).toContain("is not authorized to perform");
  });

  it("sums the health up on its button, worst first, and names the chosen scope", () => {
    const closed = menu(onlyScope(SCOPES[1]), false);
    expect(closed).not.toContain('role="menu"');
    expect(closed).toContain("prod · eu-west-1 · 123456789012");
    const text = closed.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text.indexOf("1 Access denied")).toBeGreaterThan(-1);
    expect(text.indexOf("1 Access denied")).toBeLessThan(text.indexOf("1 Throttled"));
    expect(text.indexOf("1 Throttled")).toBeLessThan(text.indexOf("2 OK"));
    expect(options(menu(onlyScope(SCOPES[1])))[1]).toMatch(/\|true$/);
    expect(menu(ALL_SCOPES, false)).toContain("All 4 sources");
  });
});

describe("SourceTotalsTable", () => {
  const counts = (running: number, failed: number) => ({ RUNNING: running, SUCCEEDED: 10, FAILED: failed, TIMED_OUT: 0, ABORTED: 1, PENDING_REDRIVE: 0 });
  const parts: SourceTotals[] = [
    { scope: SCOPES[0], machines: 7, started: 100, counts: counts(3, 5) },
    { scope: SCOPES[3], machines: 0, started: 0, counts: counts(0, 0) },
  ];
  const totals: FleetTotals = { machines: 7, started: 100, counts: counts(3, 5) };

  it("has a line per source with its health, and the sum below", () => {
    const html = renderToStaticMarkup(<SourceTotalsTable sources={parts} totals={totals} scopeHref={(id) => `/?source=${id}`} />);
    expect(html.match(/data-testid="source-totals-row"/g)).toHaveLength(2);
    expect(html).toContain('data-scope="staging:eu-west-1" data-health="denied"');
    expect(html).toContain("Access denied");
    expect(html).toContain("is not authorized to perform");
    const sum = /<tr data-testid="source-totals-sum">([\s\S]*?)<\/tr>/.exec(html)![1];
    // Machines, started, running, succeeded, failed, timed out, aborted: the server's sum.
    expect(sum.replace(/<[^>]+>/g, "|").split("|").filter(Boolean)).toEqual(["All 2 shown", "7", "100", "3", "10", "5", "0", "1"]);
  });
});

describe("SourceFilter", () => {
  it("offers each source and each Region once, with what is chosen pressed", () => {
    const html = renderToStaticMarkup(<SourceFilter scopes={SCOPES} filter={{ sources: ["prod"], regions: [] }} onChange={() => undefined} />);
    const pressed = [...html.matchAll(/aria-pressed="(true|false)"[^>]*>([^<]+)</g)].map((m) => `${m[2]}:${m[1]}`);
    expect(pressed).toEqual(["All:false", "prod:true", "staging:false", "All:true", "us-east-1:false", "eu-west-1:false"]);
  });

  it("is not there with one scope", () => {
    expect(renderToStaticMarkup(<SourceFilter scopes={SCOPES.slice(0, 1)} filter={ALL_SCOPES} onChange={() => undefined} />)).toBe("");
  });
});

describe("FleetTable source columns", () => {
  const ref = (s: SourceScope): ScopeRef => ({ id: s.id, name: s.name, region: s.region, accountId: s.accountId, health: s.health.state });
  const row = (name: string, s: SourceScope): SourcedFleetRow => ({
    arn: `arn:aws:states:${s.region}:${s.accountId}:stateMachine:${name}`,
    name,
    type: "STANDARD",
    createdAt: 0,
    coverage: { partial: false, indexed: 0 },
    source: ref(s),
  });

  it("shows each row's source and Region in one column (the account in its title), keyed by scope, linking with its source", () => {
    const rows = [row("gdpr-erasure", SCOPES[1]), row("checkout-v2", SCOPES[2])];
    const html = renderToStaticMarkup(
      <FleetTable rows={rows} sort={{ sort: "health", dir: "desc" }} onSort={() => undefined} now={0} stateMachineHref={(r) => `/state-machines/${encodeURIComponent(r.arn)}?source=${r.source?.id}`} />,
    );
    expect(html).toContain(">Source<");
    // One column, not three: Account and Region of their own pushed the table past a 1440 px screen.
    expect(html).not.toContain(">Account<");
    expect(html).not.toContain(">Region<");
    const cells = [...html.matchAll(/<td[^>]*data-col="source"[^>]*title="([^"]*)"[^>]*>([\s\S]*?)<\/td>/g)].map((m) => `${m[2].replace(/<[^>]+>/g, "")} [${m[1]}]`);
    // A scope in trouble says so beside its name (icon, and the word for screen readers).
    expect(cells).toEqual(["prod · eu-west-1 [Account 123456789012 · eu-west-1]", "◔Throttledstaging · us-east-1 [Account 222222222222 · us-east-1]"]);
    expect(html).toContain('data-source="prod:eu-west-1"');
    expect(html).toContain("?source=prod:eu-west-1");
  });

  it("leaves the column out when asked (one source)", () => {
    const html = renderToStaticMarkup(<FleetTable rows={[row("gdpr-erasure", SCOPES[1])]} sort={{ sort: "health", dir: "desc" }} onSort={() => undefined} now={0} stateMachineHref={() => "/"} showSource={false} />);
    expect(html).not.toContain(">Source<");
  });
});
