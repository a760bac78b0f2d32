export * from "./component";
export * from "./evidence";
export * from "./ids";
export * from "./site";
export * from "./sl-vector";
export * from "./tenant";
