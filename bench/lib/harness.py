#!/usr/bin/env python3
"""The benchmark harness behind bench/run: starts the processes, runs interleaved rounds, writes the results.

bench/run installs the tools and builds the jars, then calls this script. Everything here talks to 127.0.0.1 only,
and every load is bounded in time (wrk -d, loadgen --duration) and killed if it overruns.

Scenarios live in REGISTRY: each one names what it measures (a target endpoint), what it is compared with (a
reference endpoint), and how it is measured (closed loop with wrk, open loop with the loadgen, or latency at one
connection). A scenario that the product cannot run yet is registered with the issue that will bring it, so
--scenarios can refuse it with that message; adding it later means writing its setup and flipping it on.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "bench")
JAR = os.path.join(ROOT, "target", "turnpike.jar")
LOADGEN_JAR = os.path.join(BENCH, "loadgen", "target", "loadgen.jar")
LOAD_CPU = "0"  # load generator and backend
SUT_CPU = "1"  # the system under test (Turnpike or the nginx reference), alone
BODY = "x" * 99 + "\n"  # the backend's 100-byte body
S2_API_COUNT = 1000


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


# ----------------------------------------------------------------------------------------------------------------
# Scenario registry
# ----------------------------------------------------------------------------------------------------------------

class Scenario:
    def __init__(self, sid, title, reference_name, kind=None, target=None, reference=None, target_text="",
                 meets=None, issue=None, needs=""):
        self.id = sid
        self.title = title
        self.reference_name = reference_name
        self.kind = kind  # "closed" (wrk), "open" (loadgen at a fixed rate), "latency1" (loadgen, one connection)
        self.target = target  # ctx -> Endpoint (the system under test, after its setup)
        self.reference = reference  # ctx -> Endpoint
        self.target_text = target_text
        self.meets = meets  # result dict -> bool
        self.issue = issue  # for scenarios not available yet
        self.needs = needs

    @property
    def available(self):
        return self.issue is None


REGISTRY = [
    Scenario("S1", "plain HTTP proxy, execute-api host, one resource", "nginx proxy_pass, keep-alive upstream",
             kind="closed", target=lambda c: c.turnpike("s1"), reference=lambda c: c.nginx_ref(),
             target_text="ratio >= 0.8", meets=lambda r: r["ratio"] >= 0.8),
    Scenario("S2", "S1 with 1,000 more APIs loaded (custom domains: not yet, issue 6)", "S1 (Turnpike, 1 API)",
             kind="closed", target=lambda c: c.turnpike("s2"), reference=lambda c: c.turnpike("s1"),
             target_text="ratio >= 0.98", meets=lambda r: r["ratio"] >= 0.98),
    Scenario("S3", "API key + usage plan + stage throttle", "S1", issue=5,
             needs="API keys, usage plans and throttling"),
    Scenario("S4", "S3 with a plan limit that rejects about half (429 path)", "S1", issue=5,
             needs="API keys, usage plans and throttling"),
    Scenario("S5", "SigV4 signed GET", "S1", issue=4, needs="SigV4/IAM on invocations"),
    Scenario("S6", "S5 + resource policy with a cross-account allow", "S5", issue=4,
             needs="SigV4/IAM and resource policies"),
    Scenario("S7", "HTTPS keep-alive, TLS 1.3, SNI", "nginx with TLS", issue=6, needs="the HTTPS listener"),
    Scenario("S8", "full TLS handshake per request, RSA and ECDSA", "nginx with TLS", issue=6,
             needs="the HTTPS listener"),
    Scenario("S10", "open loop at a fixed rate: p50/p99/p99.9", "nginx proxy at the same rate",
             kind="open", target=lambda c: c.turnpike("s1"), reference=lambda c: c.nginx_ref(),
             target_text="p99 <= 1000 us, 0 errors", meets=lambda r: r["p99_us"] <= 1000 and r["errors"] == 0),
    Scenario("L1", "added p50 at one connection (vs the backend direct)", "nginx proxy",
             kind="latency1", target=lambda c: c.turnpike("s1"), reference=lambda c: c.nginx_ref(),
             target_text="added p50 <= nginx's + 30 us", meets=lambda r: r["added_p50_delta_us"] <= 30),
]
BY_ID = {s.id: s for s in REGISTRY}
DEFAULT_SCENARIOS = [s.id for s in REGISTRY if s.available]


def select_scenarios(spec):
    if not spec:
        return [BY_ID[i] for i in DEFAULT_SCENARIOS]
    chosen = []
    for sid in [x.strip().upper() for x in spec.split(",") if x.strip()]:
        s = BY_ID.get(sid)
        if s is None:
            raise BenchError("unknown scenario '%s' (known: %s)" % (sid, ", ".join(BY_ID)))
        if not s.available:
            raise BenchError("scenario %s (%s) is not available yet: it needs %s, which issue %d brings; "
                             "available now: %s" % (s.id, s.title, s.needs, s.issue, ", ".join(DEFAULT_SCENARIOS)))
        if s not in chosen:
            chosen.append(s)
    return chosen


# ----------------------------------------------------------------------------------------------------------------
# Processes
# ----------------------------------------------------------------------------------------------------------------

class Endpoint:
    def __init__(self, name, port, path, host=None):
        self.name = name
        self.port = port
        self.path = path
        self.host = host or "127.0.0.1:%d" % port

    @property
    def url(self):
        return "http://127.0.0.1:%d%s" % (self.port, self.path)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, proc, what, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError("%s exited with status %s while starting" % (what, proc.returncode))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise BenchError("%s did not listen on port %d within %d s" % (what, port, timeout))


def get_once(ep):
    conn = http.client.HTTPConnection("127.0.0.1", ep.port, timeout=5)
    try:
        conn.request("GET", ep.path, headers={"Host": ep.host})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


class Context:
    """Starts what the chosen scenarios need, once, and stops all of it at the end."""

    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.procs = []
        self._backend = None
        self._nginx_ref = None
        self._turnpikes = {}
        self.jfr_files = []

    # -- lifecycle
    def spawn(self, name, cmd, cpu, env=None):
        out = open(os.path.join(self.work, name + ".log"), "w")
        proc = subprocess.Popen(["taskset", "-c", cpu] + cmd, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env)
        self.procs.append((name, proc))
        return proc

    def stop_all(self):
        for name, proc in reversed(self.procs):
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for name, proc in reversed(self.procs):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs = []

    # -- nginx
    def _nginx(self, name, server_block, upstream=""):
        prefix = os.path.join(self.work, name)
        os.makedirs(os.path.join(prefix, "logs"), exist_ok=True)
        port = free_port()
        user = "user root;\n" if os.geteuid() == 0 else ""
        conf = """%sworker_processes 1;
daemon off;
pid %s/nginx.pid;
error_log %s/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  client_body_temp_path %s/client_body;
  proxy_temp_path %s/proxy;
  fastcgi_temp_path %s/fastcgi;
  uwsgi_temp_path %s/uwsgi;
  scgi_temp_path %s/scgi;
  %s
  server {
    listen 127.0.0.1:%d backlog=4096;
    %s
  }
}
""" % ((user,) + (prefix,) * 7 + (upstream, port, server_block))
        conf_file = os.path.join(prefix, "nginx.conf")
        with open(conf_file, "w") as f:
            f.write(conf)
        return prefix, conf_file, port

    def backend(self):
        if self._backend is None:
            block = 'location / { default_type text/plain; return 200 "%s"; }' % BODY.replace("\n", "\\n")
            prefix, conf, port = self._nginx("backend", block)
            proc = self.spawn("backend", ["nginx", "-p", prefix, "-c", conf, "-e", prefix + "/logs/error.log"],
                              LOAD_CPU)
            wait_port(port, proc, "backend nginx")
            self._backend = Endpoint("backend", port, "/bench")
            status, body = get_once(self._backend)
            if status != 200 or len(body) != 100:
                raise BenchError("backend answered %d with %d bytes (expected 200, 100 bytes)" % (status, len(body)))
            log("backend nginx on 127.0.0.1:%d (CPU %s)" % (port, LOAD_CPU))
        return self._backend

    def nginx_ref(self):
        if self._nginx_ref is None:
            be = self.backend()
            upstream = "upstream backend { server 127.0.0.1:%d; keepalive 64; keepalive_requests 1000000; }" % be.port
            block = ('location / { proxy_pass http://backend; proxy_http_version 1.1; '
                     'proxy_set_header Connection ""; }')
            prefix, conf, port = self._nginx("nginx-ref", block, upstream)
            proc = self.spawn("nginx-ref", ["nginx", "-p", prefix, "-c", conf, "-e", prefix + "/logs/error.log"],
                              SUT_CPU)
            wait_port(port, proc, "reference nginx")
            self._nginx_ref = Endpoint("nginx", port, "/bench")
            check(self._nginx_ref)
            log("reference nginx on 127.0.0.1:%d (CPU %s, 1 worker)" % (port, SUT_CPU))
            warm(self._nginx_ref, min(self.args.warmup, 3), self.args)
        return self._nginx_ref

    # -- Turnpike
    def turnpike(self, name):
        if name not in self._turnpikes:
            be = self.backend()
            data = os.path.join(self.work, "turnpike-" + name)
            os.makedirs(data)
            jvm = ["java", "-XX:ActiveProcessorCount=1"]
            if self.args.jfr:
                jfr = os.path.join(self.work, "turnpike-%s.jfr" % name)
                jvm.append("-XX:StartFlightRecording=filename=%s,settings=profile,dumponexit=true" % jfr)
                self.jfr_files.append((name, jfr))
            jvm += self.args.java_opts.split() if self.args.java_opts else []
            proc = self.spawn("turnpike-" + name, jvm + ["-jar", JAR, "serve", "--data-dir", data,
                                                        "--http-port", "0", "--admin-port", "0"], SUT_CPU)
            endpoints_file = os.path.join(data, "endpoints.json")
            deadline = time.monotonic() + 90
            while not os.path.exists(endpoints_file):
                if proc.poll() is not None:
                    raise BenchError("Turnpike exited with status %d; see %s" % (proc.returncode, self.work))
                if time.monotonic() > deadline:
                    raise BenchError("Turnpike wrote no endpoints.json within 90 s")
                time.sleep(0.2)
            ep = json.load(open(endpoints_file))
            if name == "s2":
                log("loading %d APIs into Turnpike %s through the control plane (botocore)" % (S2_API_COUNT, name))
                started = time.monotonic()
                subprocess.run([sys.executable, os.path.join(BENCH, "lib", "bulk_apis.py"), endpoints_file,
                                str(S2_API_COUNT)], check=True, timeout=900)
                log("loaded %d APIs in %.0f s" % (S2_API_COUNT, time.monotonic() - started))
            api_id = configure_s1(ep, be)
            endpoint = Endpoint("turnpike-" + name, ep["httpPort"], "/prod/bench",
                                "%s.execute-api.%s.%s" % (api_id, ep["region"], ep["domainSuffix"]))
            deadline = time.monotonic() + 15
            while True:  # writes are served within a second (README); wait for the snapshot swap
                status, body = get_once(endpoint)
                if status == 200:
                    break
                if time.monotonic() > deadline:
                    raise BenchError("Turnpike answered %d for %s: %r" % (status, endpoint.url, body[:200]))
                time.sleep(0.2)
            check(endpoint)
            log("Turnpike %s on 127.0.0.1:%d (CPU %s), API %s; warming up %d s" % (
                name, ep["httpPort"], SUT_CPU, api_id, self.args.warmup))
            warm(endpoint, self.args.warmup, self.args)
            self._turnpikes[name] = endpoint
        return self._turnpikes[name]


def configure_s1(ep, backend):
    """S1's API through the real control plane with the AWS CLI: GET /bench → HTTP_PROXY to the backend."""
    env = dict(os.environ, AWS_SHARED_CREDENTIALS_FILE=ep["credentialsFile"], AWS_DEFAULT_REGION=ep["region"],
               AWS_CONFIG_FILE="/dev/null", AWS_PAGER="")

    def aws(*a):
        cmd = ["aws", "--endpoint-url", "http://localhost:%d" % ep["adminPort"], "apigateway"] + list(a)
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise BenchError("aws %s failed: %s" % (" ".join(a[:1]), r.stderr.strip()))
        return r.stdout.strip()

    api_id, root = aws("create-rest-api", "--name", "bench-s1", "--query", "[id,rootResourceId]",
                       "--output", "text").split()
    res = aws("create-resource", "--rest-api-id", api_id, "--parent-id", root, "--path-part", "bench",
              "--query", "id", "--output", "text")
    aws("put-method", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
        "--authorization-type", "NONE")
    aws("put-integration", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
        "--type", "HTTP_PROXY", "--integration-http-method", "GET",
        "--uri", "http://127.0.0.1:%d/bench" % backend.port)
    aws("create-deployment", "--rest-api-id", api_id, "--stage-name", "prod")
    return api_id


def check(ep):
    status, body = get_once(ep)
    if status != 200 or len(body) != 100:
        raise BenchError("%s answered %d with %d bytes (expected 200 and the backend's 100 bytes): %r"
                         % (ep.name, status, len(body), body[:200]))


# ----------------------------------------------------------------------------------------------------------------
# Load
# ----------------------------------------------------------------------------------------------------------------

def cpu_ticks(cpu):
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu%s " % cpu):
                v = [int(x) for x in line.split()[1:]]
                idle = v[3] + v[4]
                return sum(v[:8]), idle
    return 0, 0


def busy_pct(before, after):
    total = after[0] - before[0]
    return round(100.0 * (total - (after[1] - before[1])) / total, 1) if total > 0 else None


def to_us(value, unit):
    return float(value) * {"us": 1, "ms": 1000, "s": 1000000}[unit]


def run_wrk(ep, seconds, connections):
    cmd = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency",
           "-H", "Host: " + ep.host, ep.url]
    before = cpu_ticks(SUT_CPU)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    after = cpu_ticks(SUT_CPU)
    out = r.stdout
    if r.returncode != 0:
        raise BenchError("wrk failed (%d): %s %s" % (r.returncode, out, r.stderr))
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not m:
        raise BenchError("wrk printed no Requests/sec:\n" + out)
    lat = {p: to_us(v, u) for p, v, u in re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(x) for x in sock.groups()) if sock else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    non2xx = int(non2xx.group(1)) if non2xx else 0
    total = re.search(r"(\d+) requests in", out)
    return {"rps": float(m.group(1)), "p50_us": lat.get("50"), "p99_us": lat.get("99"),
            "requests": int(total.group(1)) if total else None, "socket_errors": socket_errors, "non2xx": non2xx,
            "errors": socket_errors + non2xx, "sut_cpu_busy_pct": busy_pct(before, after)}


def run_loadgen(ep, rate, seconds, connections, warmup):
    cmd = ["taskset", "-c", LOAD_CPU, "java", "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Xms256m",
           "-Xmx256m", "-jar", LOADGEN_JAR, "--url", ep.url, "--host", ep.host, "--rate", str(rate),
           "--duration", str(seconds), "--warmup", str(warmup), "--connections", str(connections), "--drain", "30"]
    before = cpu_ticks(SUT_CPU)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + warmup + 90)
    after = cpu_ticks(SUT_CPU)
    if r.returncode != 0:
        raise BenchError("loadgen failed (%d): %s" % (r.returncode, r.stderr[-2000:]))
    res = json.loads(r.stdout.strip().splitlines()[-1])
    res["rps"] = res["achieved_rps"]
    res["sut_cpu_busy_pct"] = busy_pct(before, after)
    return res


def warm(ep, seconds, args):
    if seconds <= 0:
        return
    r = run_wrk(ep, int(seconds), args.connections)
    if r["errors"]:
        raise BenchError("%d errors while warming up %s" % (r["errors"], ep.name))


def measure(scenario, ep, args):
    if scenario.kind == "closed":
        return run_wrk(ep, args.duration, args.connections)
    if scenario.kind == "open":
        return run_loadgen(ep, args.rate, args.open_duration, args.open_connections, args.open_warmup)
    return run_loadgen(ep, args.latency_rate, args.duration, 1, args.open_warmup)


# ----------------------------------------------------------------------------------------------------------------
# Rounds and results
# ----------------------------------------------------------------------------------------------------------------

def med(values):
    v = [x for x in values if x is not None]
    return round(statistics.median(v), 1) if v else None


def span(values):
    v = [x for x in values if x is not None]
    return [round(min(v), 1), round(max(v), 1)] if v else None


def run_scenario(s, ctx, args):
    target = s.target(ctx)
    reference = s.reference(ctx)
    direct = ctx.backend() if s.kind == "latency1" else None
    runs = []
    for rnd in range(1, args.rounds + 1):
        sides = [("turnpike", target), ("reference", reference)]
        if direct is not None:
            sides.append(("direct", direct))
        for side, ep in sides:
            r = measure(s, ep, args)
            r.update(round=rnd, side=side, endpoint=ep.name)
            runs.append(r)
            log("%s round %d/%d %-9s %-14s %9.0f rps  p50 %7.1f us  p99 %8.1f us  errors %d  CPU%s busy %s%%" % (
                s.id, rnd, args.rounds, side, ep.name, r["rps"], r["p50_us"] or 0, r["p99_us"] or 0, r["errors"],
                SUT_CPU, r["sut_cpu_busy_pct"]))
    return summarize(s, runs, args), runs


def summarize(s, runs, args):
    side = lambda name, key: [r[key] for r in runs if r["side"] == name]
    a_rps, b_rps = side("turnpike", "rps"), side("reference", "rps")
    ratios = [a / b for a, b in zip(a_rps, b_rps) if b]
    res = {
        "scenario": s.title,
        "reference": s.reference_name,
        "turnpike_rps": med(a_rps), "reference_rps": med(b_rps),
        "ratio": round(statistics.median(ratios), 3) if ratios else None,
        "p50_us": med(side("turnpike", "p50_us")), "p99_us": med(side("turnpike", "p99_us")),
        "errors": sum(r["errors"] for r in runs),
        "rounds": args.rounds,
        "turnpike_rps_min_max": span(a_rps), "reference_rps_min_max": span(b_rps),
        "ratio_min_max": [round(min(ratios), 3), round(max(ratios), 3)] if ratios else None,
        "reference_p50_us": med(side("reference", "p50_us")), "reference_p99_us": med(side("reference", "p99_us")),
        "p50_us_min_max": span(side("turnpike", "p50_us")), "p99_us_min_max": span(side("turnpike", "p99_us")),
        "sut_cpu_busy_pct": med(side("turnpike", "sut_cpu_busy_pct")),
        "reference_sut_cpu_busy_pct": med(side("reference", "sut_cpu_busy_pct")),
        "target": s.target_text,
    }
    if s.kind == "closed":
        res["load"] = "wrk -t1 -c%d -d%ds, closed loop" % (args.connections, args.duration)
    if s.kind == "open":
        res["load"] = "loadgen --rate %d --connections %d --duration %ds (+%ds discarded), open loop, CO-corrected" % (
            args.rate, args.open_connections, args.open_duration, args.open_warmup)
        res["rate"] = args.rate
        res["p999_us"] = med(side("turnpike", "p999_us"))
        res["reference_p999_us"] = med(side("reference", "p999_us"))
        res["p999_us_min_max"] = span(side("turnpike", "p999_us"))
    if s.kind == "latency1":
        res["load"] = "loadgen --rate %d --connections 1 --duration %ds, open loop, CO-corrected" % (
            args.latency_rate, args.duration)
        d = side("direct", "p50_us")
        added_t = [a - b for a, b in zip(side("turnpike", "p50_us"), d)]
        added_r = [a - b for a, b in zip(side("reference", "p50_us"), d)]
        res["direct_p50_us"] = med(d)
        res["turnpike_added_p50_us"] = med(added_t)
        res["reference_added_p50_us"] = med(added_r)
        res["added_p50_delta_us"] = med([a - b for a, b in zip(added_t, added_r)])
        res["turnpike_added_p50_us_min_max"] = span(added_t)
        res["reference_added_p50_us_min_max"] = span(added_r)
    try:
        res["meets_target"] = bool(s.meets(res)) if res["ratio"] is not None else None
    except (TypeError, KeyError):
        res["meets_target"] = None
    return res


def machine_info(args):
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    nginx = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(), "cpu_model": cpu, "kernel": platform.release(),
        "java": java[0] if java else "unknown", "nginx": nginx.replace("nginx version: ", ""),
        "wrk": ((wrk.stdout + wrk.stderr).split("\n")[0]).strip(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "pinning": "load generator + backend on CPU %s; Turnpike or the reference nginx alone on CPU %s" % (
            LOAD_CPU, SUT_CPU),
        "command": "bench/run " + " ".join(args.argv),
    }


def fmt(v, nd=0):
    if v is None:
        return "-"
    return ("%." + str(nd) + "f") % v


def table(results):
    lines = ["%-4s %-22s %-22s %-18s %8s %8s %8s %8s %6s  %s" % (
        "id", "turnpike rps (min-max)", "reference rps (min-max)", "ratio (min-max)", "p50 us", "p99 us",
        "ref p50", "ref p99", "errors", "notes")]
    for sid, r in results.items():
        tr, rr, ra = r["turnpike_rps_min_max"], r["reference_rps_min_max"], r["ratio_min_max"]
        notes = "target %s: %s" % (r["target"], {True: "met", False: "NOT met", None: "?"}[r["meets_target"]])
        if "p999_us" in r:
            notes = "p99.9 %s us (ref %s) at %d rps; " % (fmt(r["p999_us"]), fmt(r["reference_p999_us"]),
                                                          r["rate"]) + notes
        if "turnpike_added_p50_us" in r:
            notes = "added p50: turnpike %s us, nginx %s us (direct p50 %s us); " % (
                fmt(r["turnpike_added_p50_us"], 1), fmt(r["reference_added_p50_us"], 1),
                fmt(r["direct_p50_us"], 1)) + notes
        if r["errors"]:
            notes = "FAILED: %d errors; " % r["errors"] + notes
        lines.append("%-4s %-22s %-22s %-18s %8s %8s %8s %8s %6d  %s" % (
            sid, "%s (%s-%s)" % (fmt(r["turnpike_rps"]), fmt(tr[0]), fmt(tr[1])),
            "%s (%s-%s)" % (fmt(r["reference_rps"]), fmt(rr[0]), fmt(rr[1])),
            "%s (%s-%s)" % (fmt(r["ratio"], 3), fmt(ra[0], 2), fmt(ra[1], 2)) if ra else "-",
            fmt(r["p50_us"]), fmt(r["p99_us"]), fmt(r["reference_p50_us"]), fmt(r["reference_p99_us"]),
            r["errors"], notes))
    return "\n".join(lines)


def main(argv):
    p = argparse.ArgumentParser(prog="bench/run")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--scenarios", default="")
    p.add_argument("--rounds", type=int)
    p.add_argument("--duration", type=int, help="seconds per closed-loop run and per L1 run")
    p.add_argument("--open-duration", type=int, help="seconds per S10 run (default 60, --quick 3)")
    p.add_argument("--warmup", type=int, help="seconds of load discarded per JVM start (default 30, --quick 3)")
    p.add_argument("--rate", type=int, help="S10's fixed rate in requests/s (default 10000; --quick 1000, so that a "
                   "cold JVM on a noisy CI machine cannot fall behind: --quick checks the harness, not the speed)")
    p.add_argument("--connections", type=int, default=50, help="wrk connections for closed-loop scenarios")
    p.add_argument("--open-connections", type=int, default=50)
    p.add_argument("--latency-rate", type=int, default=1000, help="L1's rate over its one connection")
    p.add_argument("--jfr", action="store_true", help="record Turnpike with JFR and print its hot spots")
    p.add_argument("--java-opts", default=os.environ.get("TURNPIKE_BENCH_JAVA_OPTS", ""))
    p.add_argument("--validate-only", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the work directory (logs, data dirs, JFR files)")
    args = p.parse_args(argv)
    args.argv = [a for a in argv if a != "--validate-only"]
    try:
        scenarios = select_scenarios(args.scenarios)
    except BenchError as e:
        print("bench/run: " + str(e), file=sys.stderr)
        return 2
    if args.validate_only:
        return 0
    q = args.quick
    args.rounds = args.rounds or (1 if q else 5)
    args.duration = args.duration or (3 if q else 10)
    args.open_duration = args.open_duration or (3 if q else 60 if "--duration" not in argv else args.duration)
    args.open_warmup = 1 if q else 5
    args.rate = args.rate or (1000 if q else 10000)
    args.warmup = args.warmup if args.warmup is not None else (3 if q else 30)
    for f in ("rounds", "duration", "open_duration"):
        if getattr(args, f) <= 0:
            print("bench/run: --%s must be positive" % f.replace("_", "-"), file=sys.stderr)
            return 2

    work = tempfile.mkdtemp(prefix="turnpike-bench.")
    ctx = Context(args, work)
    results, raw, failed = {}, {}, []
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))
    machine = machine_info(args)
    try:
        for s in scenarios:
            log("scenario %s: %s (reference: %s)" % (s.id, s.title, s.reference_name))
            try:
                results[s.id], raw[s.id] = run_scenario(s, ctx, args)
            except BenchError as e:
                log("scenario %s FAILED: %s" % (s.id, e))
                failed.append(s.id)
                continue
            r = results[s.id]
            if not (r["turnpike_rps"] and r["reference_rps"] and r["p50_us"] and r["p99_us"]):
                log("scenario %s FAILED: it produced no numbers: %s" % (s.id, r))
                failed.append(s.id)
            elif r["errors"]:
                log("scenario %s FAILED: %d errors (socket errors or non-2xx)" % (s.id, results[s.id]["errors"]))
                failed.append(s.id)
    finally:
        ctx.stop_all()
    out_dir = os.path.join(BENCH, "results")
    os.makedirs(out_dir, exist_ok=True)
    stamp = machine["date"].replace(":", "")
    for sid, r in results.items():
        with open(os.path.join(out_dir, "%s-%s.json" % (stamp, sid)), "w") as f:
            json.dump({"machine": machine, "scenario": sid, "result": r, "runs": raw[sid]}, f, indent=2)
    with open(os.path.join(out_dir, "latest.json"), "w") as f:
        json.dump({"machine": machine, "scenarios": results}, f, indent=2)
    print("Turnpike vs reference, %s, %s, %d cores, %s" % (machine["date"], machine["cpu_model"], machine["nproc"],
                                                         machine["java"]))
    print("(%s; rounds %d, medians with min-max)" % (machine["command"], args.rounds))
    print(table(results))
    for name, jfr in ctx.jfr_files:
        if os.path.exists(jfr):
            report = os.path.join(out_dir, "%s-jfr-%s.txt" % (stamp, name))
            subprocess.run([sys.executable, os.path.join(BENCH, "lib", "jfr_top.py"), jfr],
                           stdout=open(report, "w"), check=False)
            print("JFR hot spots of Turnpike %s: %s (recording %s)" % (name, report, jfr))
    if args.keep or args.jfr:
        log("work directory kept: " + work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("bench/run: FAILED scenarios: %s" % ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
