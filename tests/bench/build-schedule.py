#!/usr/bin/env python3
"""How long a cold build would take on N cores, from one measured build.

cargo's own schedule on this 2-core machine says little about a user's 8-core one. This
replays a build: the units and their dependencies from cargo's unit graph, each unit's
time (and when its metadata was ready, for pipelining) from `cargo build --timings` of
the same build, and cargo's rule that a library may start once the libraries it uses
have written their metadata (build scripts and proc macros must finish). Units are
started longest remaining path first. Replayed on 2 cores it gives the measured build
within a few per cent (2026-12-03: ours 28.2 s simulated, 28.7-30.8 s measured;
async-stripe 51.1 s, 51.3 s measured), which is what makes the other core counts worth
reading. A unit's time on a busier or a faster machine is not modelled.

Usage, in the consumer crate after a cold `cargo build --timings`:

    __CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS=nightly \\
      cargo build --unit-graph -Z unstable-options >unit-graph.json
    tests/bench/build-schedule.py target/cargo-timings/cargo-timing.html unit-graph.json [CORES...]

(The override lets the stable cargo print its unit graph; nothing is built by it.)
"""

import heapq
import json
import re
import sys


def read_timings(path):
    """(name, version, target) -> [(duration, seconds until its metadata was written)]."""
    html = open(path, encoding="utf-8").read()
    data = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
    timings = {}
    for unit in data:
        metadata = unit["duration"]
        for name, section in unit.get("sections") or []:
            if name == "frontend":
                metadata = section["end"]
        key = (unit["name"], unit["version"], unit["target"].strip())
        timings.setdefault(key, []).append((unit["duration"], metadata))
    return timings


def package(pkg_id):
    """`registry+...#serde@1.0.228` or `path+file:///x/app#0.0.0` -> (name, version)."""
    source, _, tail = pkg_id.rpartition("#")
    if "@" in tail:
        name, version = tail.split("@", 1)
    else:
        name, version = source.rstrip("/").rsplit("/", 1)[-1], tail
    return name, version


def read_units(graph_path, timings):
    units = []
    unmatched = []
    for unit in json.load(open(graph_path, encoding="utf-8"))["units"]:
        name, version = package(unit["pkg_id"])
        kind = unit["target"]["kind"][0]
        if unit["mode"] == "run-custom-build":
            target = "build-script (run)"
        elif kind == "custom-build":
            target = "build-script"
        elif kind == "bin":
            target = '%s "bin"' % unit["target"]["name"]
        else:
            target = ""
        measured = timings.get((name, version, target))
        if not measured:
            unmatched.append(f"{name} {version} {target}")
            measured = [(0.0, 0.0)]
        duration, metadata = measured[0]
        units.append(
            {
                "library": kind in ("lib", "rlib") and unit["mode"] == "build",
                "duration": duration,
                "metadata": metadata,
                "deps": [dep["index"] for dep in unit["dependencies"]],
            }
        )
    return units, unmatched


def replay(units, cores):
    """The build's wall time on `cores` cores."""
    users = [[] for _ in units]
    for index, unit in enumerate(units):
        for dep in unit["deps"]:
            users[dep].append(index)
    remaining = {}

    def longest(index):  # the unit's time plus its longest chain of users
        if index not in remaining:
            remaining[index] = units[index]["duration"] + max(
                (longest(user) for user in users[index]), default=0.0
            )
        return remaining[index]

    sys.setrecursionlimit(100_000)
    for index in range(len(units)):
        longest(index)
    waiting = [len(unit["deps"]) for unit in units]
    ready = [(-remaining[i], i) for i, count in enumerate(waiting) if count == 0]
    heapq.heapify(ready)
    events = []  # (time, 0 = metadata written / 1 = finished, unit)
    now, idle, finished = 0.0, cores, 0
    while finished < len(units):
        while idle and ready:
            _, index = heapq.heappop(ready)
            idle -= 1
            heapq.heappush(events, (now + units[index]["metadata"], 0, index))
            heapq.heappush(events, (now + units[index]["duration"], 1, index))
        now, event, index = heapq.heappop(events)
        for user in users[index]:
            # A library's users that are libraries start on its metadata; the rest
            # wait for it to finish.
            pipelined = units[index]["library"] and units[user]["library"]
            if pipelined == (event == 0):
                waiting[user] -= 1
                if waiting[user] == 0:
                    heapq.heappush(ready, (-remaining[user], user))
        if event == 1:
            idle += 1
            finished += 1
    return now


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    units, unmatched = read_units(sys.argv[2], read_timings(sys.argv[1]))
    cores = [int(n) for n in sys.argv[3:]] or [2, 4, 8, 16]
    cpu = sum(unit["duration"] for unit in units)
    print(f"{len(units)} units, {cpu:.1f} s of unit time")
    for unmatched_unit in unmatched:
        print(f"  no time measured for {unmatched_unit} (counted as 0 s)")
    for count in cores:
        print(f"{count:>3} cores: {replay(units, count):.1f} s")


if __name__ == "__main__":
    main()
