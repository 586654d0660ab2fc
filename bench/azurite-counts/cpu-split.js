// CPU per case of Azurite and of the benchmark's .NET process (the Server runs in it, and the bare engine beside it)
// in each side's judging window of every pair, from cpu-sample.sh's file and the load report.
// Usage: node cpu-split.js <cpu-sample file> <load report JSON>
"use strict";
const fs = require("fs");
const { spanOf, pairSides } = require("./windows");

const tick = 10; // ms per clock tick (USER_HZ 100)
const samples = new Map(); // "name pid" -> [[ms, ticks]]
for (const line of fs.readFileSync(process.argv[2], "utf8").trim().split("\n")) {
  const [t, name, pid, ticks] = line.split(" ");
  if (!samples.has(`${name} ${pid}`)) samples.set(`${name} ${pid}`, []);
  samples.get(`${name} ${pid}`).push([Number(t), Number(ticks)]);
}
const busy = (name, from, to) => [...samples].filter(([key]) => key.startsWith(name + " ")).reduce((sum, [, s]) => {
  const inside = s.filter(([t]) => t >= from && t <= to);
  return inside.length < 2 ? sum : sum + (inside[inside.length - 1][1] - inside[0][1]) * tick;
}, 0);
const report = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const sides = pairSides(report);
for (const n of new Set(sides.map((s) => s.pair))) console.log(`pair ${n}: ` + sides.filter((s) => s.pair === n).map(({ side, figures: f }) => {
  const [from, to] = spanOf(f);
  const [azurite, dotnet] = [busy("azurite", from, to), busy("dotnet", from, to)];
  return `${side} ${f.casesPerSecond} cases/s: Azurite ${(azurite / f.cases).toFixed(1)} ms/case (${(azurite / (to - from) * 100).toFixed(0)} % of a core), `
    + `.NET ${(dotnet / f.cases).toFixed(1)} ms/case, both ${((azurite + dotnet) / (to - from) * 100).toFixed(0)} %`;
}).join(" | "));
