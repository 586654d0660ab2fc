#!/bin/sh
# Samples the CPU time (user + system, in clock ticks) of Azurite and of the load benchmark's process every 0.5 s,
# for cpu-split.js; stop it with kill when the run is over. Not used by the product or the tests.
# Usage: sh cpu-sample.sh /tmp/cpu.txt &   (then run the benchmark)
out=$1
while :; do
  now=$(date +%s%3N)
  for pid in $(pgrep -f "azurite|WelfareFlow.Load"); do
    case "$(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null)" in
      *azurite*) name=azurite ;;
      *WelfareFlow.Load*) name=dotnet ;;
      *) continue ;;
    esac
    ticks=$(awk '{print $14 + $15}' /proc/$pid/stat 2>/dev/null) && echo "$now $name $pid $ticks" >> "$out"
  done
  sleep 0.5
done
