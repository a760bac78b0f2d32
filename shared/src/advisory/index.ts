export * from "./csaf-document";
export * from "./decide-affected";
export * from "./list-advisory-products";
export * from "./match-component";
export * from "./normalize-name";
export * from "./version";
export * from "./version-range";
