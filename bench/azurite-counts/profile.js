// Azurite's V8 CPU profile (node --cpu-prof, see count-requests.js), read from the current folder, and the time it
// spent in a window by function: shared by profile-split.js and profile-per-pair.js.
"use strict";
const fs = require("fs");

/** The profile in the current folder, with the lookups `timeIn` needs. */
function readProfile() {
  const profile = JSON.parse(fs.readFileSync(fs.readdirSync(".").find((f) => f.endsWith(".cpuprofile"))));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  return { profile, nodes, parent };
}

const nameOf = (n) => `${n.callFrame.functionName} ${(n.callFrame.url || "").split("/").slice(-2).join("/")}:${n.callFrame.lineNumber}`;

/** Microseconds sampled between `start` and `end` (µs of the monotonic clock, as the counts' `h`), by function: the
 * function itself running (`self`) and it or anything it called (`inclusive`). */
function timeIn({ profile, nodes, parent }, start, end) {
  const self = new Map(), inclusive = new Map();
  let t = profile.startTime, total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (t < start || t > end) continue;
    const dt = profile.timeDeltas[i];
    total += dt;
    let id = profile.samples[i];
    const leaf = nameOf(nodes.get(id));
    self.set(leaf, (self.get(leaf) || 0) + dt);
    for (const seen = new Set(); id; id = parent.get(id)) {
      const key = nameOf(nodes.get(id));
      if (!seen.has(key)) (seen.add(key), inclusive.set(key, (inclusive.get(key) || 0) + dt));
    }
  }
  return { self, inclusive, total };
}

module.exports = { readProfile, timeIn };
