// The judging window of each side in count-requests.js's file (in the current folder), shared by per-case.js and
// profile-split.js: the bare engine's from the last instance created to the last instance update, the product's from
// the first to the last score insert.
"use strict";
const fs = require("fs");

/** The counts file's samples: { t: ms, h: µs of the monotonic clock, c: counts by kind }. */
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

/** [side, first sample, last sample] of each side that ran. */
function judgingWindows(lines) {
  const sides = [
    ["bare", windowOf(lines, "BARE POST Instances")[1], windowOf(lines, "BARE PATCH Instances(key)")[1]],
    ["product", ...windowOf(lines, "PRODHUB POST Scores")],
  ];
  return sides.filter(([, from, to]) => from >= 0 && to > from);
}

module.exports = { readCounts, judgingWindows };
