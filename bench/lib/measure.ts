export type TMeasurement = {
  runs: number;
  medianMs: number;
  minMs: number;
  p90Ms: number;
  /** Process CPU time (user + system) per run: less sensitive than wall time to other load on the machine. */
  cpuMedianMs: number;
};

/** Runs `work` after a warm-up and reports wall and CPU time percentiles. */
export function measure(work: () => unknown, options: { iterations: number; warmup: number }): TMeasurement {
  let sink = 0;
  for (let i = 0; i < options.warmup; i++) sink += work() === undefined ? 0 : 1;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    sink += work() === undefined ? 0 : 1;
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  if (sink < 0) throw new Error("unreachable: keeps the work observable");
  const sorted = (values: number[]) => [...values].sort((left, right) => left - right);
  const percentile = (values: number[], fraction: number) =>
    sorted(values)[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? 0;
  return {
    runs: options.iterations,
    medianMs: percentile(wall, 0.5),
    minMs: percentile(wall, 0),
    p90Ms: percentile(wall, 0.9),
    cpuMedianMs: percentile(cpu, 0.5),
  };
}
