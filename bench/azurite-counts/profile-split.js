// Where Azurite's time goes in each side's judging window: a V8 CPU profile (node --cpu-prof, see count-requests.js)
// split by the windows the load report recorded (windows.js). The profile and count-requests.js's file are read from
// the current folder.
// Usage: node profile-split.js <regex of functions to list inclusively, or ""> <load report JSON, for each side's window>
"use strict";
const { readCounts, judgingWindows } = require("./windows");
const { readProfile, timeIn } = require("./profile");

const lines = readCounts();
const profile = readProfile();
const shown = process.argv[2] ? new RegExp(process.argv[2]) : null;
const report = process.argv[3];
const top = (map, total, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1)}% ${k}`).join("\n");

for (const [side, from, to] of judgingWindows(lines, report)) {
  const { self, inclusive, total } = timeIn(profile, lines[from].h, lines[to].h);
  console.log(`== ${side}: ${(total / 1e6).toFixed(1)} s sampled\n-- self\n${top(self, total, 25)}`);
  console.log(`-- inclusive\n${top(new Map([...inclusive].filter(([k]) => !shown || shown.test(k))), total, 40)}`);
}
