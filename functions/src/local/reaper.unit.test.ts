import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const reaper = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/reaper.mjs");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

// A stand-in for `npm start`: it starts the reaper and a detached child (as the stack starts DynamoDB Local, the
// API and the portal), tells the reaper the child's group, prints the child's pid and waits to be killed.
const orchestrator = `
const { spawn } = require("node:child_process");
const reaper = spawn(process.execPath, [${JSON.stringify(reaper)}], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { detached: true, stdio: "ignore" });
reaper.stdin.write("+ " + child.pid + "\\n");
process.stdout.write(child.pid + "\\n");
setInterval(() => {}, 1000);
`;

it("ends the stack's process groups when the orchestrator is killed hard", async () => {
  const parent = spawn(process.execPath, ["-e", orchestrator], { stdio: ["ignore", "pipe", "inherit"] });
  const childPid = await new Promise<number>((resolve) => {
    parent.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  expect(alive(childPid)).toBe(true);

  parent.kill("SIGKILL");

  expect(await until(() => !alive(childPid), 10_000)).toBe(true);
});
