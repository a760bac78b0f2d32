export * from "./catalog";
export * from "./domain";
