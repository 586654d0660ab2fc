// Requests per case by kind, the bare engine's and the product's side by side, averaged over every pair's judging
// windows (the task hub's name and the control queue's number left out, so the same kind lines up on both sides).
// Run in the folder of count-requests.js's file, as per-case.js. Not used by the product or the tests.
// Usage: node side-by-side.js <load report JSON>
"use strict";
const fs = require("fs");
const { readCounts, windowOf, pairSides } = require("./windows");

const lines = readCounts();
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const sides = pairSides(report);
const pairs = sides.length / 2;
const sums = {};
for (const { label, figures } of sides) {
  const side = label[0]; // "b" or "p"
  const [from, to] = windowOf(lines, figures);
  for (const [kind, n] of Object.entries(lines[to].c)) {
    const made = n - (lines[from].c[kind] || 0);
    if (made <= 0) continue;
    const k = kind.replace(/^(BARE|PRODHUB) /, "").replace(/-control-0\d/, "-control");
    sums[k] = sums[k] || { b: 0, p: 0 };
    sums[k][side] += made / figures.cases / pairs;
  }
}
const cell = (n) => n.toFixed(2).padStart(7);
console.log("kind".padEnd(40) + "   bare product");
let bare = 0, product = 0;
for (const [kind, v] of Object.entries(sums).sort((a, b) => (b[1].p + b[1].b) - (a[1].p + a[1].b))) {
  bare += v.b;
  product += v.p;
  if (v.b + v.p >= 0.05) console.log(kind.padEnd(40) + cell(v.b) + cell(v.p));
}
console.log("TOTAL".padEnd(40) + cell(bare) + cell(product));
