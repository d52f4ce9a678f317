export { diffJson, countChanges, DIFF_SIZE_GATE_CHARS } from "./diff-json";
export { flattenDelta } from "./flatten-delta";
export { childPath, ROOT_PATH } from "./json-path";
export type * from "./types";
