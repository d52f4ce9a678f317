/** The server-side execution index behind the fleet and state machine pages. Server only. */
export { FleetIndex, fleetIndexFor, type FleetIndexOptions } from "./fleet-index";
export type { IndexPersistence, MachineCheckpoint, StoredMachine, FillTask } from "./persistence";
export { MachineIndex, type MachineIndexStatus, type RefreshCost } from "./machine-index";
export { DEFAULT_FLEET_LIMITS, refreshIntervalFor, type FleetLimits } from "./limits";
export { chooseHistorySample, type HistorySample } from "./sample";
export { queryFleet, type FleetPage, type FleetQuery } from "./fleet-query";
export { stateNamesOf } from "./state-order";
export { isIndexCursor, pageOfIndex } from "./index-page";
export { FailureLedger, memoryFailureStore, type FailedExecutionRef, type FailureRecordStore, type KnownFailure } from "./failure-ledger";
export type { IndexedListQuery } from "./fleet-index";
export { searchFleet } from "./search";
