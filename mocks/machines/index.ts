/** The sample state machines of the demo account, in the order ListStateMachines returns them (by name). */
import { bucketInventory } from "./bucket-inventory";
import { clickstreamEnricher } from "./clickstream-enricher";
import { etlIngest } from "./etl-ingest";
import { humanApproval } from "./human-approval";
import { invoiceBilling } from "./invoice-billing";
import type { MachineSpec } from "./machine-spec";
import { mediaPipeline } from "./media-pipeline";
import { orderProcessing } from "./order-processing";

export const DEMO_MACHINES: readonly MachineSpec[] = [bucketInventory, clickstreamEnricher, etlIngest, humanApproval, invoiceBilling, mediaPipeline, orderProcessing];

export type { MachineSpec };
