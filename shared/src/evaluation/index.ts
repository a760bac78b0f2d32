export * from "./evaluate";
export * from "./evaluation-input";
export * from "./evaluation-result";
export * from "./parse-evaluation-input";
