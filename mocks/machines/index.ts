/** The sample state machines of the demo account, in the order ListStateMachines returns them (by name). */
import { clickstreamEnricher } from "./clickstream-enricher";
import { etlIngest } from "./etl-ingest";
import { humanApproval } from "./human-approval";
import type { MachineSpec } from "./machine-spec";
import { mediaPipeline } from "./media-pipeline";
import { orderProcessing } from "./order-processing";

export const DEMO_MACHINES: readonly MachineSpec[] = [clickstreamEnricher, etlIngest, humanApproval, mediaPipeline, orderProcessing];

export type { MachineSpec };
