/**
 * V8 flags for processes that run the evaluation engine (the API Lambda, the local API, the engine benchmark).
 * Evaluating a 10,000-asset plant allocates about 25 MB, most of it the result, which stays alive to the end.
 * With V8's default 16 MB semi-spaces every evaluation triggers several scavenges that copy that live result,
 * which more than doubles the time (bench/results/engine.json measures both); 64 MB lets one evaluation
 * finish between scavenges. The young generation only grows to that size under allocation pressure.
 * See docs/adr/0009-engine-performance.md.
 */
export const ENGINE_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
