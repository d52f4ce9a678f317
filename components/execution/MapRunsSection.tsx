"use client";

import type { ExecutionModel } from "@/lib/history/model";
import type { MapRunReportState } from "@/lib/queries/use-map-run-reports";
import { mapRunTriesOf } from "@/lib/postmortem/map-run-tries-of";
import { MapRunPanel } from "./MapRunPanel";

/** Every distributed map run of the execution, on the page whatever is selected. */
export function MapRunsSection({ model, mapRuns }: { model: ExecutionModel | undefined; mapRuns: readonly MapRunReportState[] }) {
  if (mapRuns.length === 0) return null;
  return (
    <section className="panel" data-testid="map-runs-section">
      <div className="panel-title">
        <h2>Distributed Map runs</h2>
        <span className="faint">each item ran as a child execution; click one to open it</span>
      </div>
      {mapRuns.map((m) => (
        <MapRunPanel key={m.mapRunArn} state={m} tries={mapRunTriesOf(model, m.mapRunArn)} />
      ))}
    </section>
  );
}
