export * from "./component";
export * from "./ids";
export * from "./site";
export * from "./sl-vector";
export * from "./tenant";
