/**
 * The layering of DESIGN.md, checked on every file of the app rather than remembered:
 * nothing bundled for the browser reaches a server-only module, pure folders stay pure,
 * only lib/sfn imports the SDK, and lib/sfn imports none of the services built on it. The checker itself is tested on small literal trees first,
 * so a checker that finds nothing cannot pass for a clean repository.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkBoundaries, valueImports, type SourceFile } from "../../support/import-boundaries";

const ROOT = process.cwd();
const SCANNED = ["app", "components", "lib", "mocks", "instrumentation.ts", "proxy.ts"];

function sources(): SourceFile[] {
  const out: SourceFile[] = [];
  const visit = (rel: string) => {
    const full = path.join(ROOT, rel);
    if (statSync(full).isDirectory()) {
      for (const entry of readdirSync(full)) visit(path.posix.join(rel, entry));
    } else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(rel)) {
      out.push({ path: rel, text: readFileSync(full, "utf8") });
    }
  };
  for (const entry of SCANNED) visit(entry);
  return out;
}

describe("the checker", () => {
  it("follows a client component through a pure-looking helper to the store", () => {
    const violations = checkBoundaries([
      { path: "components/fleet/FleetTable.tsx", text: '"use client";\nimport { rows } from "@/lib/format/rows";\n' },
      { path: "lib/format/rows.ts", text: 'import { getStore } from "../store";\nexport const rows = 1;\n' },
      { path: "lib/store/index.ts", text: "export const getStore = 1;\n" },
    ]);
    expect(violations.map((v) => [v.file, v.rule])).toEqual([
      ["lib/format/rows.ts", "pure code imports no server-only module or component"],
      ["components/fleet/FleetTable.tsx", "code bundled for the browser reaches a server-only module"],
    ]);
    expect(violations[1].detail).toBe("components/fleet/FleetTable.tsx → lib/format/rows.ts → lib/store/index.ts");
  });

  it("catches React, the SDK and process.env in pure folders, and the SDK outside lib/sfn", () => {
    const violations = checkBoundaries([
      { path: "lib/metrics/a.ts", text: 'import { useState } from "react";\nexport const x = process.env.X;\n' },
      { path: "lib/history/b.ts", text: 'import { SFNClient } from "@aws-sdk/client-sfn";\nimport { readFileSync } from "node:fs";\n' },
      { path: "app/api/x/route.ts", text: 'const sdk = await import("@aws-sdk/client-sfn");\n' },
    ]);
    expect(violations.map((v) => `${v.file}: ${v.detail}`)).toEqual([
      "lib/metrics/a.ts: react",
      "lib/metrics/a.ts: process.env",
      "lib/history/b.ts: @aws-sdk/client-sfn",
      "lib/history/b.ts: node:fs",
      "lib/history/b.ts: @aws-sdk/client-sfn",
      "app/api/x/route.ts: @aws-sdk/client-sfn",
    ]);
  });

  it("keeps lib/sfn the transport: no import of lib/server or lib/store, not even a type", () => {
    const violations = checkBoundaries([
      { path: "lib/sfn/history-sync.ts", text: 'import { fleetService } from "@/lib/server/fleet-service";\n' },
      { path: "lib/sfn/cloudwatch/figures.ts", text: 'import type { Store } from "../../store";\n' },
      { path: "lib/sfn/context.ts", text: 'import { loadConfig } from "@/lib/config/env";\n' },
      { path: "lib/server/fleet-service.ts", text: 'import { getSyncedHistory } from "@/lib/sfn/history-sync";\nexport const fleetService = 1;\n' },
      { path: "lib/store/index.ts", text: 'import "@/lib/server/server-only";\nexport type Store = {};\n' },
      { path: "lib/server/server-only.ts", text: "export {};\n" },
      { path: "lib/config/env.ts", text: "export const loadConfig = 1;\n" },
    ]);
    expect(violations.map((v) => `${v.file}: ${v.rule}: ${v.detail}`)).toEqual([
      "lib/sfn/history-sync.ts: lib/sfn (the SDK transport) imports nothing of lib/server or lib/store: lib/server/fleet-service.ts",
      "lib/sfn/cloudwatch/figures.ts: lib/sfn (the SDK transport) imports nothing of lib/server or lib/store: lib/store/index.ts",
    ]);
  });

  it("lets type-only imports through: the compiler erases them", () => {
    expect(valueImports('import type { A } from "@/lib/sfn";\nimport { type B, type C } from "@/lib/store";\nimport { D, type E } from "@/lib/config/env";\n')).toEqual(["@/lib/config/env"]);
    expect(
      checkBoundaries([
        { path: "components/x.tsx", text: '"use client";\nimport type { SfnContext } from "@/lib/sfn/context";\n' },
        { path: "lib/sfn/context.ts", text: "export interface SfnContext {}\n" },
      ]),
    ).toEqual([]);
  });

  it("lets server components and route handlers use server modules", () => {
    expect(
      checkBoundaries([
        { path: "app/page.tsx", text: 'import { loadConfig } from "@/lib/config/env";\n' },
        { path: "app/api/fleet/route.ts", text: 'import { appFleetIndex } from "@/lib/server/fleet-service";\n' },
        { path: "lib/config/env.ts", text: "export const loadConfig = 1;\n" },
        { path: "lib/server/fleet-service.ts", text: "export const appFleetIndex = 1;\n" },
      ]),
    ).toEqual([]);
  });
});

describe("the repository", () => {
  it("keeps every layer rule of DESIGN.md", () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(200);
    const violations = checkBoundaries(files).map((v) => `${v.file}: ${v.rule}: ${v.detail}`);
    expect(violations).toEqual([]);
  });
});
