// Requests per case by kind in every pair's windows (b1 p1 b2 p2 …: each side's judging window as the load report
// recorded it), to see whether either side's requests change from one pair to the next. Run in the folder of
// count-requests.js's file, as per-case.js.
// Usage: node per-pair.js <load report JSON>
"use strict";
const fs = require("fs");
const { readCounts, windowOf, pairSides } = require("./windows");

const lines = readCounts();
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const columns = pairSides(report).map(({ label, figures }) => {
  const [from, to] = windowOf(lines, figures);
  const perCase = {};
  for (const [kind, n] of Object.entries(lines[to].c)) {
    const made = n - (lines[from].c[kind] || 0);
    if (made > 0) perCase[kind] = made / figures.cases;
  }
  return [label, perCase];
});
const product = columns.find(([name]) => name.startsWith("p"))[1];
const kinds = [...new Set(columns.flatMap(([, c]) => Object.keys(c)))].sort((a, b) => (product[b] || 0) - (product[a] || 0));
const row = (label, values) => label.slice(0, 47).padEnd(48) + values.map((v) => v.padStart(7)).join("");
console.log(row("kind", columns.map(([name]) => name)));
console.log(row("TOTAL", columns.map(([, c]) => Object.values(c).reduce((a, b) => a + b, 0).toFixed(2))));
for (const kind of kinds.slice(0, 40)) console.log(row(kind, columns.map(([, c]) => (c[kind] || 0).toFixed(2))));
