#!/usr/bin/env node
// The local stack's reaper: `npm start` writes "+ <pgid>" to this process's stdin for each process group it starts
// (and "- <pgid>" when one ends). When that pipe closes, the orchestrator is gone, however it ended (Ctrl-C, a
// crash, kill -9), and every group still listed gets SIGTERM, then SIGKILL two seconds later, so no DynamoDB
// Local, API or portal outlives the `npm start` that started it. Plain JavaScript: it must start in milliseconds.
const groups = new Set();
let buffer = "";
let reaping = false;

function signalAll(signal) {
  let alive = 0;
  for (const pgid of groups) {
    try {
      process.kill(-pgid, signal);
      alive += 1;
    } catch {
      groups.delete(pgid);
    }
  }
  return alive;
}

function reap() {
  if (reaping) return;
  reaping = true;
  if (signalAll("SIGTERM") === 0) process.exit(0);
  setTimeout(() => {
    signalAll("SIGKILL");
    process.exit(0);
  }, 2000);
}

process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => {
  buffer += chunk;
  const lines = buffer.split("\n");
  buffer = lines.pop() ?? "";
  for (const line of lines) {
    const [op, id] = line.trim().split(/\s+/);
    const pgid = Number(id);
    // Never a group this process was not told about, and never init's.
    if (!Number.isInteger(pgid) || pgid <= 1) continue;
    if (op === "+") groups.add(pgid);
    if (op === "-") groups.delete(pgid);
  }
});
process.stdin.on("end", reap);
process.stdin.on("error", reap);
// It runs in its own session; a stray signal for the terminal must not end it before it has reaped.
for (const signal of ["SIGINT", "SIGHUP"]) process.on(signal, () => undefined);
