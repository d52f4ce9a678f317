export * from "./scope-filter";
export * from "./scope-of-arn";
export * from "./scope-label";
export * from "./health-summary";
export * from "./single-source";
export * from "./scope-links";
export * from "./api-source";
