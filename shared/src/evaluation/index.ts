export * from "./evaluate";
export * from "./evaluation-input";
export * from "./evaluation-result";
export * from "./group-status";
export * from "./parse-evaluation-input";
