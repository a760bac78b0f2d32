export * from "./catalog-schemas";
export * from "./component-requirements";
export * from "./development-lifecycle";
export * from "./foundational-requirements";
export * from "./service-provider-requirements";
export * from "./system-requirements";
