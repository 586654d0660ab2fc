// Requests per case in the judging window of each side, from count-requests.js's file in the current folder.
// Usage: node per-case.js <cases> [kinds to list]. The bare window runs from the last instance created to the last
// instance update; the product's from the first to the last score insert.
"use strict";
const fs = require("fs");

const file = fs.readdirSync(".").find((f) => f.endsWith(".jsonl"));
const lines = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const cases = Number(process.argv[2] || 1000);
const shown = Number(process.argv[3] || 30);

/** First and last sample in which `kind` grew. */
function windowOf(kind) {
  let first = -1, last = -1;
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i].c[kind] || 0) > (lines[i - 1].c[kind] || 0)) {
      if (first < 0) first = i - 1;
      last = i;
    }
  }
  return [first, last];
}

const sides = [["bare", windowOf("BARE POST Instances")[1], windowOf("BARE PATCH Instances(key)")[1]], ["product", ...windowOf("PRODHUB POST Scores")]];
for (const [side, from, to] of sides) {
  if (from < 0 || to <= from) continue;
  const grown = Object.entries(lines[to].c).map(([k, v]) => [k, v - (lines[from].c[k] || 0)]).filter(([, v]) => v > 0);
  const total = grown.reduce((sum, [, v]) => sum + v, 0);
  const seconds = (lines[to].t - lines[from].t) / 1000;
  console.log(`== ${side}: ${seconds} s, ${total} requests, ${(total / cases).toFixed(1)} per case, ${(total / seconds).toFixed(0)} per second`);
  for (const [kind, n] of grown.sort((a, b) => b[1] - a[1]).slice(0, shown)) console.log(`${(n / cases).toFixed(2)}\t${kind}`);
}
