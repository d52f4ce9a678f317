export { ApiError } from "./api-error";
export { fetchJson } from "./fetch-json";
export { queryKeys } from "./keys";
export { apiPaths } from "./paths";
export { retryTransient, retryDelay } from "./retry";
export { useQueryProblem } from "./use-query-problem";
export { useSources, type SourcesAnswer } from "./use-sources";
