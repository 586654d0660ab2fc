"""The .NET process's CPU by method in two speedscope traces (dotnet-trace's sampled thread time), side by side.

Only samples whose leaf is the pseudo-frame CPU_TIME count (a thread running managed code); threads waiting are left
out. Milliseconds in the trace's window, the method itself (self: the frame under CPU_TIME) or with what it called.

    dotnet-trace collect -p <pid of WelfareFlow.Load> --profile dotnet-sampled-thread-time \\
        --duration 00:00:00:08 --format speedscope -o bare.nettrace      # while the bare engine judges; again for the product
    python3 bench/dotnet-trace/cpu-by-frame.py bare.speedscope.json product.speedscope.json self 40 [regex]
"""
import collections
import json
import re
import sys


def cpu_by_frame(path):
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    inclusive, self_time, total = collections.Counter(), collections.Counter(), 0.0
    for profile in data["profiles"]:
        stack, last = [], None
        for event in profile["events"]:
            at = event["at"]
            if stack and last is not None and frames[stack[-1]] == "CPU_TIME":
                spent = at - last
                total += spent
                self_time[frames[stack[-2]] if len(stack) > 1 else "?"] += spent
                for frame in set(stack):
                    inclusive[frames[frame]] += spent
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                stack.pop()
            last = at
    return {"incl": inclusive, "self": self_time}, total


def main():
    (first, first_total), (second, second_total) = cpu_by_frame(sys.argv[1]), cpu_by_frame(sys.argv[2])
    mode, rows = sys.argv[3], int(sys.argv[4])
    shown = re.compile(sys.argv[5]) if len(sys.argv) > 5 else None
    print(f"CPU ms in the window: {first_total:.0f} {second_total:.0f}")
    a, b = first[mode], second[mode]
    for name in sorted(set(a) | set(b), key=lambda k: -b.get(k, 0)):
        if shown and not shown.search(name):
            continue
        print(f"{a.get(name, 0):8.0f} {b.get(name, 0):8.0f}  {re.sub(r'[(].*', '', name)[:140]}")
        rows -= 1
        if rows == 0:
            break


main()
