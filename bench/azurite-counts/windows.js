// The judging window of each side, shared by per-case.js and profile-split.js: taken from the load report
// (bench/WelfareFlow.Load's JSON: each side's judgingFrom and judgingSeconds) when one is given, else guessed from
// count-requests.js's samples: the bare engine's from the last instance created to the last instance update, the
// product's from the first to the last score insert (which counts single inserts only, not group transactions).
"use strict";
const fs = require("fs");

/** The counts file's samples (in the current folder): { t: ms, h: µs of the monotonic clock, c: counts by kind }. */
function readCounts() {
  const file = fs.readdirSync(".").find((f) => f.endsWith(".jsonl"));
  return fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
}

/** First and last sample in which `kind` grew. */
function windowOf(lines, kind) {
  let first = -1, last = -1;
  for (let i = 1; i < lines.length; i++) {
    if ((lines[i].c[kind] || 0) > (lines[i - 1].c[kind] || 0)) {
      if (first < 0) first = i - 1;
      last = i;
    }
  }
  return [first, last];
}

/** The samples nearest to a side's window in the report: the last one at or before its start, the first one at or after its end. */
function reportedWindow(lines, figures) {
  if (!figures) return [-1, -1];
  const from = Date.parse(figures.judgingFrom), to = from + figures.judgingSeconds * 1000;
  const first = lines.findLastIndex((l) => l.t <= from);
  const last = lines.findIndex((l) => l.t >= to);
  return [first, last];
}

/** [side, first sample, last sample] of each side that ran. */
function judgingWindows(lines, reportFile) {
  const report = reportFile ? JSON.parse(fs.readFileSync(reportFile, "utf8")) : null;
  const sides = report
    ? [["bare", ...reportedWindow(lines, report.bare)], ["product", ...reportedWindow(lines, report.product)]]
    : [
      ["bare", windowOf(lines, "BARE POST Instances")[1], windowOf(lines, "BARE PATCH Instances(key)")[1]],
      ["product", ...windowOf(lines, "PRODHUB POST Scores")],
    ];
  return sides.filter(([, from, to]) => from >= 0 && to > from);
}

module.exports = { readCounts, judgingWindows };
