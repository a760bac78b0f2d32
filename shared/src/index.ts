export * from "./advisory";
export * from "./catalog";
export * from "./domain";
export * from "./engine";
export * from "./evaluation";
