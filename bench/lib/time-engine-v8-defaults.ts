/**
 * Times `evaluate` on the full generated plant in a process started with V8's default heap flags, for
 * comparison with the engine benchmark, which runs with the flags the API is deployed with. Prints the
 * measurement as JSON. Usage: tsx bench/lib/time-engine-v8-defaults.ts ITERATIONS WARMUP
 */
import { FULL_PLANT, generatePlant } from "./generate-plant";
import { importBundledEngine } from "./import-bundled-engine";
import { measure } from "./measure";

const [iterations = 41, warmup = 10] = process.argv.slice(2).map(Number);
const { evaluate } = await importBundledEngine();
const plant = JSON.parse(JSON.stringify(generatePlant(FULL_PLANT)));
process.stdout.write(`${JSON.stringify(measure(() => evaluate(plant), { iterations, warmup }))}\n`);
