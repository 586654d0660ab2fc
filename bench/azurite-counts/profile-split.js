// Where Azurite's time goes in each side's judging window: a V8 CPU profile (node --cpu-prof, see count-requests.js)
// split by the windows the load report recorded (windows.js). The profile and count-requests.js's file are read from
// the current folder.
// Usage: node profile-split.js <regex of functions to list inclusively, or ""> <load report JSON, for each side's window>
"use strict";
const fs = require("fs");
const { readCounts, judgingWindows } = require("./windows");

const lines = readCounts();
const profile = JSON.parse(fs.readFileSync(fs.readdirSync(".").find((f) => f.endsWith(".cpuprofile"))));
const shown = process.argv[2] ? new RegExp(process.argv[2]) : null;
const report = process.argv[3];

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName} ${(n.callFrame.url || "").split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;
const top = (map, total, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1)}% ${k}`).join("\n");

// The counts' `h` and the profile's sample times are both microseconds of the same monotonic clock.
for (const [side, from, to] of judgingWindows(lines, report)) {
  const [start, end] = [lines[from].h, lines[to].h];
  const self = new Map(), inclusive = new Map();
  let t = profile.startTime, total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < start || t > end) continue;
    const dt = profile.timeDeltas[i];
    total += dt;
    let id = profile.samples[i];
    self.set(name(nodes.get(id)), (self.get(name(nodes.get(id))) || 0) + dt);
    for (const seen = new Set(); id; id = parent.get(id)) {
      const key = name(nodes.get(id));
      if (!seen.has(key)) (seen.add(key), inclusive.set(key, (inclusive.get(key) || 0) + dt));
    }
  }
  console.log(`== ${side}: ${(total / 1e6).toFixed(1)} s sampled\n-- self\n${top(self, total, 25)}`);
  console.log(`-- inclusive\n${top(new Map([...inclusive].filter(([k]) => !shown || shown.test(k))), total, 40)}`);
}
