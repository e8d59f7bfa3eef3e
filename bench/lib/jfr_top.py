#!/usr/bin/env python3
"""Summarizes a JFR recording of Turnpike: where the CPU samples and the allocations go.

usage: jfr_top.py RECORDING.jfr [TOP_N]

Reads jdk.ExecutionSample (CPU samples of Java threads), jdk.ObjectAllocationSample (allocation by site, weighted by
bytes) and jdk.GarbageCollection with the JDK's own `jfr print --json`, and prints:
  - the top methods by self samples (the frame that was running),
  - the top Turnpike/Netty/JDK methods by inclusive samples (anywhere on the stack),
  - the top allocation sites (first dev.turnpike frame and top frame), and GC totals.
"""
import collections
import json
import os
import subprocess
import sys


def jfr_json(path, events):
    jfr = os.path.join(os.path.dirname(os.path.realpath(subprocess.run(
        ["bash", "-c", "command -v java"], capture_output=True, text=True).stdout.strip())), "jfr")
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", events, path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(f):
    m = f["method"]
    return ("%s.%s" % (m["type"]["name"], m["name"])).replace("/", ".")


def pct(n, total):
    return "%5.1f%%" % (100.0 * n / total) if total else "  -  "


def main():
    path = sys.argv[1]
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    samples = jfr_json(path, "jdk.ExecutionSample")
    self_counts, incl_counts, threads = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        v = e["values"]
        frames = (v.get("stackTrace") or {}).get("frames") or []
        threads[(v.get("sampledThread") or {}).get("javaName") or "?"] += 1
        if not frames:
            continue
        self_counts[frame_name(frames[0])] += 1
        for name in set(frame_name(f) for f in frames):
            incl_counts[name] += 1
    total = len(samples)
    print("JFR %s: %d CPU samples (jdk.ExecutionSample)" % (os.path.basename(path), total))
    print("\nsamples by thread:")
    for name, n in threads.most_common(8):
        print("  %s  %s" % (pct(n, total), name))
    print("\ntop %d methods by self samples:" % top_n)
    for name, n in self_counts.most_common(top_n):
        print("  %s  %s" % (pct(n, total), name))
    print("\ntop %d dev.turnpike methods by inclusive samples:" % top_n)
    for name, n in [x for x in incl_counts.most_common() if x[0].startswith("dev.turnpike")][:top_n]:
        print("  %s  %s" % (pct(n, total), name))
    print("\ntop 25 other methods by inclusive samples:")
    for name, n in [x for x in incl_counts.most_common() if not x[0].startswith("dev.turnpike")
                    and not x[0].startswith(("java.lang.Thread.run", "io.netty.channel.nio", "io.netty.util.",
                                             "io.netty.channel.SingleThread", "io.netty.channel.Default",
                                             "io.netty.channel.AbstractChannelHandlerContext"))][:25]:
        print("  %s  %s" % (pct(n, total), name))

    allocs = jfr_json(path, "jdk.ObjectAllocationSample")
    by_site, by_class = collections.Counter(), collections.Counter()
    total_bytes = 0
    for e in allocs:
        v = e["values"]
        w = v.get("weight") or 0
        total_bytes += w
        by_class[(v.get("objectClass") or {}).get("name", "?")] += w
        frames = (v.get("stackTrace") or {}).get("frames") or []
        ours = next((frame_name(f) for f in frames if frame_name(f).startswith("dev.turnpike")), None)
        top = frame_name(frames[0]) if frames else "?"
        by_site["%s  <-  %s" % (top, ours or "(no dev.turnpike frame)")] += w
    print("\nallocation (jdk.ObjectAllocationSample, weighted): %.1f MB sampled in total" % (total_bytes / 1e6))
    print("top allocation sites (top frame <- first dev.turnpike frame):")
    for name, w in by_site.most_common(top_n):
        print("  %s  %s" % (pct(w, total_bytes), name))
    print("top allocated classes:")
    for name, w in by_class.most_common(12):
        print("  %s  %s" % (pct(w, total_bytes), name))

    gcs = jfr_json(path, "jdk.GarbageCollection")
    pauses = []
    for e in gcs:
        d = e["values"].get("sumOfPauses") or e["values"].get("duration") or "PT0S"
        pauses.append(d)
    print("\nGC: %d collections" % len(gcs))


if __name__ == "__main__":
    main()
