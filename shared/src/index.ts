export * from "./catalog";
export * from "./domain";
export * from "./engine";
export * from "./evaluation";
export * from "./advisory";
