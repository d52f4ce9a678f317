import { describe, expect, it } from "vitest";
import type { SourceScope } from "@/lib/contract/api";
import {
  apiScopeIds,
  filterChoices,
  healthCounts,
  onlyScope,
  resolveScopeFilter,
  scopeFilterFromSearch,
  scopeLabel,
  scopeOfArn,
  toggleChoice,
  worstHealth,
  writeScopeFilter,
  ALL_SCOPES,
  scopeFilterProblem,
  withSource,
  withPageSource,
} from "@/lib/scopes";

function scope(name: string, region: string, accountId: string | undefined, state: SourceScope["health"]["state"] = "ok"): SourceScope {
  return { id: `${name}:${region}`, name, region, accountId, kind: "demo", label: `${name} · ${region}`, health: { state } };
}

const SCOPES = [
  scope("prod", "us-east-1", "123456789012"),
  scope("prod", "eu-west-1", "123456789012"),
  scope("staging", "us-east-1", "222222222222"),
  scope("staging", "eu-west-1", "222222222222", "denied"),
];
const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe("the fleet's source filter", () => {
  it("shows every scope with no parameter, and asks the API for no source then", () => {
    const resolved = resolveScopeFilter(ALL_SCOPES, SCOPES);
    expect(resolved.all).toBe(true);
    expect(ids(resolved.selected)).toEqual(ids(SCOPES));
    expect(apiScopeIds(ALL_SCOPES, SCOPES)).toEqual([]);
  });

  it("takes a source name for all its Regions, a scope id for one, and a Region across sources", () => {
    expect(ids(resolveScopeFilter({ sources: ["prod"], regions: [] }, SCOPES).selected)).toEqual(["prod:us-east-1", "prod:eu-west-1"]);
    expect(ids(resolveScopeFilter({ sources: ["staging:us-east-1"], regions: [] }, SCOPES).selected)).toEqual(["staging:us-east-1"]);
    expect(ids(resolveScopeFilter({ sources: [], regions: ["eu-west-1"] }, SCOPES).selected)).toEqual(["prod:eu-west-1", "staging:eu-west-1"]);
    // Source and Region together: both must match.
    expect(apiScopeIds({ sources: ["prod"], regions: ["eu-west-1"] }, SCOPES)).toEqual(["prod:eu-west-1"]);
  });

  it("names what it does not know and ignores it, instead of showing nothing", () => {
    const resolved = resolveScopeFilter({ sources: ["prod", "qa"], regions: ["ap-south-1"] }, SCOPES);
    expect(resolved.unknownSources).toEqual(["qa"]);
    expect(resolved.unknownRegions).toEqual(["ap-south-1"]);
    expect(ids(resolved.selected)).toEqual(["prod:us-east-1", "prod:eu-west-1"]);
  });

  it("says what it ignored, and that nothing is left when sources and Regions do not meet", () => {
    const problem = (filter: { sources: string[]; regions: string[] }) => scopeFilterProblem(resolveScopeFilter(filter, SCOPES), SCOPES);
    expect(problem({ sources: ["qa"], regions: [] })).toBe("No source “qa”: the sources are prod, staging. Showing the rest.");
    expect(problem({ sources: [], regions: ["ap-south-1"] })).toBe("No Region “ap-south-1”: the Regions are us-east-1, eu-west-1. Showing the rest.");
    expect(problem({ sources: ["prod:eu-west-1"], regions: ["us-east-1"] })).toBe("None of the chosen sources is in the chosen Regions: choose another source or Region.");
    expect(problem({ sources: ["prod"], regions: [] })).toBeUndefined();
  });

  it("round-trips through the URL, each value once, and writes nothing for every scope", () => {
    const params = new URLSearchParams("window=1h&source=prod&source=prod&region=eu-west-1&region=");
    const filter = scopeFilterFromSearch(params);
    expect(filter).toEqual({ sources: ["prod"], regions: ["eu-west-1"] });
    writeScopeFilter(params, { sources: ["staging", "prod:us-east-1"], regions: [] });
    expect(params.toString()).toBe("window=1h&source=staging&source=prod%3Aus-east-1");
    writeScopeFilter(params, ALL_SCOPES);
    expect(params.toString()).toBe("window=1h");
  });

  it("toggles a source or a Region, and choosing every one of a row is choosing none", () => {
    let filter = toggleChoice(ALL_SCOPES, "sources", "prod", SCOPES);
    expect(filter).toEqual({ sources: ["prod"], regions: [] });
    filter = toggleChoice(filter, "regions", "eu-west-1", SCOPES);
    expect(apiScopeIds(filter, SCOPES)).toEqual(["prod:eu-west-1"]);
    filter = toggleChoice(filter, "sources", "staging", SCOPES);
    expect(filter.sources).toEqual([]);
    expect(ids(resolveScopeFilter(filter, SCOPES).selected)).toEqual(["prod:eu-west-1", "staging:eu-west-1"]);
    expect(toggleChoice(filter, "regions", "eu-west-1", SCOPES)).toEqual(ALL_SCOPES);
  });

  it("turns the switcher's one scope into a source name when that source is chosen", () => {
    const filter = toggleChoice(onlyScope(SCOPES[1]), "sources", "prod", SCOPES);
    expect(filter.sources).toEqual(["prod"]);
    expect(filterChoices(SCOPES)).toEqual({ sources: ["prod", "staging"], regions: ["us-east-1", "eu-west-1"] });
  });
});

describe("which scope an ARN belongs to", () => {
  it("reads the Region and account off the ARN", () => {
    expect(scopeOfArn("arn:aws:states:eu-west-1:123456789012:stateMachine:gdpr-erasure", SCOPES)?.id).toBe("prod:eu-west-1");
    expect(scopeOfArn("arn:aws:states:us-east-1:222222222222:execution:checkout-v2:abc", SCOPES)?.id).toBe("staging:us-east-1");
    expect(scopeOfArn("arn:aws:states:ap-south-1:123456789012:stateMachine:x", SCOPES)).toBeUndefined();
    expect(scopeOfArn("not an arn", SCOPES)).toBeUndefined();
  });

  it("lets the page's source decide, and takes the one scope of a Region whose account is not known yet", () => {
    const twins = [scope("a", "us-east-1", "123456789012"), scope("b", "us-east-1", "123456789012")];
    expect(scopeOfArn("arn:aws:states:us-east-1:123456789012:stateMachine:x", twins, "b:us-east-1")?.id).toBe("b:us-east-1");
    expect(scopeOfArn("arn:aws:states:us-west-2:999999999999:stateMachine:x", [scope("aws", "us-west-2", undefined)])?.id).toBe("aws:us-west-2");
  });
});

describe("scope words", () => {
  it("names a scope by source, Region and account", () => {
    expect(scopeLabel(SCOPES[1])).toBe("prod · eu-west-1 · 123456789012");
    expect(scopeLabel({ name: "aws", region: "us-west-2" })).toBe("aws · us-west-2");
  });

  it("counts health worst first", () => {
    expect(healthCounts(SCOPES)).toEqual([
      { state: "denied", count: 1 },
      { state: "ok", count: 3 },
    ]);
    expect(worstHealth(SCOPES)).toBe("denied");
    expect(worstHealth([])).toBe("ok");
  });
});

describe("links that keep the page's source", () => {
  it("adds source= to a link, keeping its query and fragment, and leaves it alone without one", () => {
    expect(withSource("/executions/a%3Ab", "prod:eu-west-1")).toBe("/executions/a%3Ab?source=prod%3Aeu-west-1");
    expect(withSource("/executions/x?state=Charge#events", "staging:us-east-1")).toBe("/executions/x?state=Charge&source=staging%3Aus-east-1#events");
    expect(withSource("/state-machines/x?source=old", "new:us-east-1")).toBe("/state-machines/x?source=new%3Aus-east-1");
    expect(withSource("/executions/x", undefined)).toBe("/executions/x");
  });
});

describe("API calls of a page opened for one scope", () => {
  const eu = encodeURIComponent("arn:aws:states:eu-west-1:123456789012:stateMachine:gdpr-erasure");
  const us = encodeURIComponent("arn:aws:states:us-east-1:123456789012:execution:order-processing:x");

  it("carry the page's source to the ARN routes of its Region", () => {
    expect(withPageSource(`/api/state-machines/${eu}/metrics?window=24h`, "prod:eu-west-1")).toBe(`/api/state-machines/${eu}/metrics?window=24h&source=prod%3Aeu-west-1`);
    expect(withPageSource(`/api/state-machines/${eu}`, "prod:eu-west-1")).toBe(`/api/state-machines/${eu}?source=prod%3Aeu-west-1`);
  });

  it("leave alone other Regions' ARNs, other routes, a path that says its source, and a page without one", () => {
    expect(withPageSource(`/api/executions/${us}/history`, "prod:eu-west-1")).toBe(`/api/executions/${us}/history`);
    expect(withPageSource("/api/fleet?window=24h", "prod:eu-west-1")).toBe("/api/fleet?window=24h");
    expect(withPageSource(`/api/state-machines/${eu}?source=other:eu-west-1`, "prod:eu-west-1")).toBe(`/api/state-machines/${eu}?source=other:eu-west-1`);
    expect(withPageSource(`/api/state-machines/${eu}`, undefined)).toBe(`/api/state-machines/${eu}`);
    expect(withPageSource("/api/state-machines/%E0%A4%A", "prod:eu-west-1")).toBe("/api/state-machines/%E0%A4%A");
  });
});
