// Azurite's CPU time per case, by function, in every pair's windows (b1 p1 b2 p2 …, as per-pair.js counts requests):
// whether one side's cost per case changes from pair to pair, and in which functions. Run in the folder of the
// profile and count-requests.js's file.
// Usage: node profile-per-pair.js <load report JSON> [self|inclusive] [rows] [regex of functions to show]
"use strict";
const fs = require("fs");
const { readCounts, windowOf, pairSides } = require("./windows");
const { readProfile, timeIn } = require("./profile");

const lines = readCounts();
const profile = readProfile();
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const mode = process.argv[3] || "self";
const rows = Number(process.argv[4] || 30);
const shown = process.argv[5] ? new RegExp(process.argv[5]) : null;

const columns = pairSides(report).map(({ label, figures }) => {
  const [from, to] = windowOf(lines, figures);
  const time = timeIn(profile, lines[from].h, lines[to].h);
  return { label, cases: figures.cases, byFunction: time[mode], total: time.total };
});
const ms = (µs, column) => (µs / 1000 / column.cases).toFixed(2).padStart(7);
const names = [...new Set(columns.flatMap((c) => [...c.byFunction.keys()]))].filter((k) => !shown || shown.test(k));
const most = (k) => Math.max(...columns.map((c) => (c.byFunction.get(k) || 0) / c.cases));
console.log("ms per case".padEnd(70) + columns.map((c) => c.label.padStart(7)).join(""));
console.log("(all, idle included)".padEnd(70) + columns.map((c) => ms(c.total, c)).join(""));
for (const k of names.sort((a, b) => most(b) - most(a)).slice(0, rows)) {
  console.log(k.slice(0, 69).padEnd(70) + columns.map((c) => ms(c.byFunction.get(k) || 0, c)).join(""));
}
