/**
 * Where the API's CloudWatch figures come from: with a store, what the lease holder read for
 * every instance (shared-metric-figures.ts); without one (STEPSCOPE_DATABASE_URL=memory),
 * each process reads its own, as before the store existed.
 */
import "./server-only";
import type { FleetRow, MachineMetricsResponse } from "@/lib/contract/api";
import type { ResolvedWindow } from "@/lib/metrics/windows";
import { machineMetricsFromCloudWatch, withMetricFigures } from "@/lib/sfn/cloudwatch";
import type { SfnContext } from "@/lib/sfn/context";
import { serviceFleetIndex, type FleetService } from "./fleet-service";

/**
 * One account × Region's fleet rows over the window (see lib/server/sources), those its index
 * cannot answer with figures from CloudWatch metrics.
 */
export async function serviceRowsWithFigures(service: FleetService, ctx: SfnContext, window: ResolvedWindow): Promise<FleetRow[]> {
  const fleet = serviceFleetIndex(service, ctx);
  // One deadline for the whole answer: the rows known by then, with the figures read by then.
  const deadline = fleet.answerDeadline();
  const rows = await fleet.fleetRows(ctx, window, deadline);
  return service.figures ? service.figures.withFigures(ctx, rows, window, deadline) : withMetricFigures(ctx, rows, window, fleet.limits.horizonMs);
}

/** The state machine page's figures from CloudWatch metrics (Express, or a window older than the index keeps). */
export async function serviceMachineMetrics(service: FleetService, ctx: SfnContext, stateMachineArn: string, window: ResolvedWindow): Promise<MachineMetricsResponse> {
  return service.figures ? service.figures.machineMetrics(ctx, stateMachineArn, window) : machineMetricsFromCloudWatch(ctx, stateMachineArn, window);
}
