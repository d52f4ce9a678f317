export { buildStateGraph } from "./build";
export { layoutStateGraph } from "./layout";
export { isSyntheticId, startNodeId, endNodeId } from "./ids";
export { shortResource } from "./resource";
export { conditionLabel } from "./condition-label";
export * from "./types";
export type * from "./layout-types";
export * from "./overlay";
export * from "./layout-metrics";
