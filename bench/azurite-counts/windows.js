// The judging window of each side, shared by per-case.js, per-pair.js, profile-split.js and cpu-split.js, as the load
// report recorded it
// (bench/WelfareFlow.Load's JSON: each side's judgingFrom and judgingSeconds; with several pairs, the median pair's).
// The counts alone cannot tell it: the product's score inserts go in group transactions, shared with other tables.
"use strict";
const fs = require("fs");

/** The counts file's samples (in the current folder): { t: ms, h: µs of the monotonic clock, c: counts by kind }. */
function readCounts() {
  const file = fs.readdirSync(".").find((f) => f.endsWith(".jsonl"));
  return fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
}

/** A side's judging window in ms since the epoch, from its figures in the report. */
function spanOf(figures) {
  const from = Date.parse(figures.judgingFrom);
  return [from, from + figures.judgingSeconds * 1000];
}

/** The samples around a side's window: the last one at or before its start, the first one at or after its end. */
function windowOf(lines, figures) {
  if (!figures) return [-1, -1];
  const [from, to] = spanOf(figures);
  return [lines.findLastIndex((l) => l.t <= from), lines.findIndex((l) => l.t >= to)];
}

/** [side, first sample, last sample] of each side the report has. */
function judgingWindows(lines, reportFile) {
  if (!reportFile) throw new Error("Give the load report's JSON: the judging windows come from it.");
  const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
  return [["bare", ...windowOf(lines, report.bare)], ["product", ...windowOf(lines, report.product)]]
    .filter(([, from, to]) => from >= 0 && to > from);
}

/** Every side of every pair the report has, in order: { label ("b1", "p1", "b2", …), pair (from 1), side, figures }. */
function pairSides(report) {
  return report.pairs.flatMap((pair, i) => ["bare", "product"].filter((side) => pair[side])
    .map((side) => ({ label: `${side[0]}${i + 1}`, pair: i + 1, side, figures: pair[side] })));
}

module.exports = { readCounts, judgingWindows, windowOf, spanOf, pairSides };
