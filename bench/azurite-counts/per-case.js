// Requests per case in the judging window of each side, from count-requests.js's file in the current folder.
// Usage: node per-case.js <cases> <kinds to list> <load report JSON>; each side's window is the one the report timed.
"use strict";
const { readCounts, judgingWindows } = require("./windows");

const lines = readCounts();
const cases = Number(process.argv[2] || 1000);
const shown = Number(process.argv[3] || 30);
const report = process.argv[4];

for (const [side, from, to] of judgingWindows(lines, report)) {
  const grown = Object.entries(lines[to].c).map(([k, v]) => [k, v - (lines[from].c[k] || 0)]).filter(([, v]) => v > 0);
  const total = grown.reduce((sum, [, v]) => sum + v, 0);
  const seconds = (lines[to].t - lines[from].t) / 1000;
  console.log(`== ${side}: ${seconds} s, ${total} requests, ${(total / cases).toFixed(1)} per case, ${(total / seconds).toFixed(0)} per second`);
  for (const [kind, n] of grown.sort((a, b) => b[1] - a[1]).slice(0, shown)) console.log(`${(n / cases).toFixed(2)}\t${kind}`);
}
