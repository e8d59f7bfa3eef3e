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
import ssl
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lambda_bench  # noqa: E402  (S11/L2)
import authorizer_bench  # noqa: E402  (S12)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, "bench")
# TURNPIKE_BENCH_JAR runs another build (an A/B of two commits in the same quiet window).
JAR = os.environ.get("TURNPIKE_BENCH_JAR") or os.path.join(ROOT, "target", "turnpike.jar")
LOADGEN_JAR = os.path.join(BENCH, "loadgen", "target", "loadgen.jar")
LOAD_CPU = "0"  # load generator and backend
SUT_CPU = "1"  # the system under test (Turnpike or the nginx reference), alone
BODY = "x" * 99 + "\n"  # the backend's 100-byte body
S2_API_COUNT = 1000
RSA_DOMAIN = "rsa.bench.localhost"  # S8-RSA: a custom domain with an imported RSA certificate


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


# ----------------------------------------------------------------------------------------------------------------
# Scenario registry
# ----------------------------------------------------------------------------------------------------------------

class Scenario:
    def __init__(self, sid, title, reference_name, kind=None, target=None, reference=None, target_text="",
                 meets=None, issue=None, needs="", count_statuses=False, connections=None):
        self.id = sid
        self.connections = connections  # closed loop: wrk connections on both sides, when not --connections
        self.title = title
        self.reference_name = reference_name
        self.kind = kind  # "closed" (wrk), "open" (loadgen at a fixed rate), "latency1" (loadgen, one connection)
        self.target = target  # ctx -> Endpoint (the system under test, after its setup)
        self.reference = reference  # ctx -> Endpoint
        self.target_text = target_text
        self.meets = meets  # result dict -> bool
        self.issue = issue  # for scenarios not available yet
        self.needs = needs
        self.count_statuses = count_statuses  # wrk counts answers by status (a Lua script) on both sides

    @property
    def available(self):
        return self.issue is None


REGISTRY = [
    Scenario("S1", "plain HTTP proxy, execute-api host, one resource", "nginx proxy_pass, keep-alive upstream",
             kind="closed", target=lambda c: c.turnpike("s1"), reference=lambda c: c.nginx_ref(),
             target_text="ratio >= 0.8", meets=lambda r: r["ratio"] >= 0.8),
    Scenario("S2", "S1 with 1,000 more APIs and 1,000 custom domains (own TLS contexts, one base path mapping each) loaded", "S1 (Turnpike, 1 API)",
             kind="closed", target=lambda c: c.turnpike("s2"), reference=lambda c: c.turnpike("s1"),
             target_text="ratio >= 0.98", meets=lambda r: r["ratio"] >= 0.98),
    Scenario("S3", "API key + usage plan + stage throttle (limits never reached)", "S1 (same JVM, no key)",
             kind="closed", target=lambda c: c.turnpike_keyed("S3"), reference=lambda c: c.turnpike("s1"),
             target_text="ratio >= 0.95", meets=lambda r: r["ratio"] >= 0.95),
    Scenario("S3R", "S3 on a Turnpike whose throttles are leased from Redis (--counters redis://127.0.0.1:6379)",
             "S3 (local counters, same run)", kind="closed",
             target=lambda c: c.turnpike_keyed("S3R", base="s3r"), reference=lambda c: c.turnpike_keyed("S3"),
             target_text="ratio >= 0.9", meets=lambda r: r["ratio"] >= 0.9),
    Scenario("S4", "S3 with a plan rate of half S3's throughput (the 429 path)", "S1 (same JVM, no key)",
             kind="closed", target=lambda c: c.turnpike_keyed("S4"), reference=lambda c: c.turnpike("s1"),
             target_text="none (429s expected; other non-2xx fail)", meets=lambda r: None, count_statuses=True),
    Scenario("S5", "SigV4 presigned GET on an AWS_IAM method (replayed)", "S1 (same JVM, NONE)",
             kind="closed", target=lambda c: c.turnpike_signed("S5"), reference=lambda c: c.turnpike("s1"),
             target_text="ratio >= 0.85", meets=lambda r: r["ratio"] >= 0.85),
    Scenario("S6", "S5 + resource policy, cross-account allow", "S5 (same JVM)",
             kind="closed", target=lambda c: c.turnpike_signed("S6"), reference=lambda c: c.turnpike_signed("S5"),
             target_text="ratio >= 0.98", meets=lambda r: r["ratio"] >= 0.98),
    Scenario("S7", "HTTPS keep-alive, TLS 1.3, SNI = execute-api host (ECDSA P-256)", "nginx terminating TLS 1.3",
             kind="closed", target=lambda c: c.turnpike_https(), reference=lambda c: c.nginx_tls_ecdsa(),
             target_text="ratio >= 0.7", meets=lambda r: r["ratio"] >= 0.7),
    Scenario("S8E", "full TLS 1.3 handshake per request, ECDSA P-256", "nginx terminating TLS 1.3",
             kind="handshake", target=lambda c: c.turnpike_https(), reference=lambda c: c.nginx_tls_ecdsa(),
             target_text="ratio >= 0.5", meets=lambda r: r["ratio"] >= 0.5),
    Scenario("S8R", "full TLS 1.3 handshake per request, RSA 2048 (custom domain, ACM import)",
             "nginx terminating TLS 1.3", kind="handshake", target=lambda c: c.turnpike_rsa(),
             reference=lambda c: c.nginx_tls_rsa(), target_text="ratio >= 0.5", meets=lambda r: r["ratio"] >= 0.5),
    Scenario("S10", "open loop at a fixed rate: p50/p99/p99.9", "nginx proxy at the same rate",
             kind="open", target=lambda c: c.turnpike("s1"), reference=lambda c: c.nginx_ref(),
             target_text="p99 <= 1000 us, 0 errors", meets=lambda r: r["p99_us"] <= 1000 and r["errors"] == 0),
    Scenario("L1", "added p50 at one connection (vs the backend direct)", "nginx proxy",
             kind="latency1", target=lambda c: c.turnpike("s1"), reference=lambda c: c.nginx_ref(),
             target_text="added p50 <= nginx's + 30 us", meets=lambda r: r["added_p50_delta_us"] <= 30),
    Scenario("S11", "AWS_PROXY to a warm local Python function returning a constant 100-byte body",
             "S1 (same JVM, HTTP_PROXY)", kind="closed", target=lambda c: c.turnpike_lambda(),
             reference=lambda c: c.turnpike("s1"), target_text="none (throughput of the Lambda path)",
             meets=lambda r: None, connections=lambda_bench.CONCURRENCY),
    Scenario("L2", "AWS_PROXY at one connection: added p50 over the function's own run time; cold start",
             "S1 at one connection", kind="lambda1", target=lambda c: c.turnpike_lambda(),
             reference=lambda c: c.turnpike("s1"),
             target_text="added p50 <= 300 us, cold start <= 300 ms",
             meets=lambda r: r["added_p50_us"] <= 300 and r["cold_start_ms"] <= 300),
    Scenario("S12", "S1 behind a Lambda TOKEN authorizer, result cached (every request after the first)",
             "S1 (same JVM, NONE)", kind="closed", target=lambda c: c.turnpike_authorizer(),
             reference=lambda c: c.turnpike("s1"), target_text="ratio >= 0.95",
             meets=lambda r: r["ratio"] >= 0.95),
    Scenario("S13", "S1 behind a Cognito user pool authorizer (ID token; signature check cached per token)",
             "S1 (same JVM, NONE)", kind="closed", target=lambda c: c.turnpike_cognito(),
             reference=lambda c: c.turnpike("s1"), target_text="ratio >= 0.9",
             meets=lambda r: r["ratio"] >= 0.9),
    Scenario("S14", "S1 as an HTTP API: GET /bench -> HTTP_PROXY to the backend, $default stage (apigatewayv2)",
             "S1 (same JVM, REST)", kind="closed", target=lambda c: c.turnpike_http_api(),
             reference=lambda c: c.turnpike("s1"), target_text="ratio >= 1.0 (issue 19: at least as fast as REST)",
             meets=lambda r: r["ratio"] >= 1.0),
    Scenario("S13H", "S1 carrying S13's Authorization header (the same ~1 KB token, no authorizer): the header's own cost",
             "S1 (same JVM, no such header)", kind="closed", target=lambda c: c.turnpike_s1_token_header(),
             reference=lambda c: c.turnpike("s1"), target_text="none (splits S13's cost: header vs JWT check)",
             meets=lambda r: None),
]
BY_ID = {s.id: s for s in REGISTRY}
REDIS_URI = os.environ.get("TURNPIKE_BENCH_REDIS", "redis://127.0.0.1:6379")
ALIASES = {"S8": ["S8E", "S8R"]}  # S8 = both key types
DEFAULT_SCENARIOS = [s.id for s in REGISTRY if s.available]


def select_scenarios(spec):
    if not spec:
        return [BY_ID[i] for i in DEFAULT_SCENARIOS]
    chosen = []
    ids = []
    for x in [x.strip().upper() for x in spec.split(",") if x.strip()]:
        ids += ALIASES.get(x, [x])
    for sid in ids:
        s = BY_ID.get(sid)
        if s is None:
            raise BenchError("unknown scenario '%s' (known: %s, S8 = S8E,S8R)" % (sid, ", ".join(BY_ID)))
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
    """Where a side of a scenario sends its load. scheme "https" adds an SNI name (sni) and the CA that signs the
    server's certificate (ca); headers are extra request headers (S3/S4's X-API-Key); ok_statuses are the statuses
    that do not count as errors (S4 adds 429)."""

    def __init__(self, name, port, path, host=None, scheme="http", sni=None, ca=None, headers=None,
                 ok_statuses=(200,)):
        self.name = name
        self.port = port
        self.path = path
        self.host = host or "127.0.0.1:%d" % port
        self.scheme = scheme
        self.sni = sni
        self.ca = ca
        self.headers = dict(headers or {})
        self.ok_statuses = tuple(ok_statuses)

    @property
    def url(self):
        return "%s://127.0.0.1:%d%s" % (self.scheme, self.port, self.path)

    @property
    def sni_url(self):
        """The URL wrk needs so that its SNI is the server name (wrk sends the URL's host as SNI)."""
        return "%s://%s:%d%s" % (self.scheme, self.sni or "127.0.0.1", self.port, self.path)


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


def tls_context(ep):
    """TLS 1.3 only, verifying the server's certificate for ep.sni against ep.ca: what S7/S8 claim to measure."""
    ctx = ssl.create_default_context(cafile=ep.ca)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    return ctx


def get_once(ep, headers=None):
    if ep.scheme == "https":
        conn = http.client.HTTPSConnection("127.0.0.1", ep.port, timeout=5, context=tls_context(ep))
        # connect to 127.0.0.1 but send SNI (and check the certificate) for the server name
        conn._create_connection = lambda *a, **k: socket.create_connection(("127.0.0.1", ep.port), 5)
        conn.host = ep.sni
    else:
        conn = http.client.HTTPConnection("127.0.0.1", ep.port, timeout=5)
    try:
        h = {"Host": ep.host}
        h.update(ep.headers if headers is None else headers)
        conn.request("GET", ep.path, headers=h)
        r = conn.getresponse()
        body = r.read()
        if ep.scheme == "https" and conn.sock.version() != "TLSv1.3":
            raise BenchError("%s negotiated %s, not TLS 1.3" % (ep.name, conn.sock.version()))
        return r.status, body
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
        self._tp_info = {}
        self._extra = {}
        self.pid_by_port = {}  # Turnpike's JVM by its HTTP port: CPU per request is read from its /proc entry
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
    def _nginx(self, name, server_block, upstream="", listen="", more_servers=""):
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
    listen 127.0.0.1:%d backlog=4096 %s;
    %s
  }
  %s
}
""" % ((user,) + (prefix,) * 7 + (upstream, port, listen, server_block, more_servers % {"port": port}))
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
            # The account throttle (AWS's 10,000 rps by default) is raised out of the way: the benchmark measures the
            # proxy, and S3/S4 set their own stage and plan limits.
            # S3R: the same node with its throttles leased from the machine's Redis (docs/cluster.md), under a
            # key prefix of its own.
            counters = (["--counters", REDIS_URI, "--counters-prefix", "turnpike-bench-%d:" % os.getpid()]
                        if name == "s3r" else [])
            proc = self.spawn("turnpike-" + name, jvm + ["-jar", JAR, "serve", "--data-dir", data,
                                                        "--http-port", "0", "--https-port", "0", "--admin-port", "0",
                                                        "--account-rate", "100000000", "--account-burst", "100000000"]
                              + counters, SUT_CPU)
            endpoints_file = os.path.join(data, "endpoints.json")
            deadline = time.monotonic() + 90
            while not os.path.exists(endpoints_file):
                if proc.poll() is not None:
                    raise BenchError("Turnpike exited with status %d; see %s" % (proc.returncode, self.work))
                if time.monotonic() > deadline:
                    raise BenchError("Turnpike wrote no endpoints.json within 90 s")
                time.sleep(0.2)
            ep = json.load(open(endpoints_file))
            self.pid_by_port[ep["httpPort"]] = proc.pid  # taskset execs java: the same pid
            if name == "s2":
                log("loading %d APIs and %d custom domains into Turnpike %s through the control plane (botocore)"
                    % (S2_API_COUNT, S2_API_COUNT, name))
                started = time.monotonic()
                subprocess.run([sys.executable, os.path.join(BENCH, "lib", "bulk_apis.py"), endpoints_file,
                                str(S2_API_COUNT)], check=True, timeout=900)
                log("loaded %d APIs and %d custom domains in %.0f s" % (S2_API_COUNT, S2_API_COUNT,
                                                                     time.monotonic() - started))
            api_id, res_id = configure_s1(ep, be)
            self._tp_info[name] = {"ep": ep, "api_id": api_id, "resource_id": res_id, "data": data}
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


    # -- S11/L2: AWS_PROXY to a warm local Python function, on S1's JVM
    def turnpike_lambda(self):
        if "lambda" in self._extra:
            return self._extra["lambda"]
        self.turnpike("s1")
        info = self._tp_info["s1"]
        ep = info["ep"]
        api_id, lam = lambda_bench.configure(ep, aws_cli, self.work)
        host = "%s.execute-api.%s.%s" % (api_id, ep["region"], ep["domainSuffix"])
        endpoint = Endpoint("turnpike-lambda", ep["httpPort"], "/prod/bench", host)
        endpoint.function = {"lam": lam, "attempt": 0,
                             "log": os.path.join(info["data"], "logs", "lambda", lambda_bench.FUNCTION + ".log")}
        # As many connections as the function may have instances: more would be throttled (500), as on AWS.
        endpoint.connections = lambda_bench.CONCURRENCY
        self._extra["lambda"] = endpoint
        wait_serving(endpoint)
        check(endpoint)
        # The instances start first, all at once, each request with get_once's patience: ten cold starts on a
        # busy core can outlast wrk's 2 s timeout, which the warm-up would count as errors.
        statuses = lambda_bench.start_instances(lambda: get_once(endpoint)[0], lambda_bench.CONCURRENCY)
        if any(s != 200 for s in statuses):
            raise BenchError("starting the function's instances answered %s" % statuses)
        log("Turnpike lambda: API %s, AWS_PROXY to %s; warming up %d s" % (api_id, lambda_bench.FUNCTION,
                                                                          self.args.warmup))
        warm(endpoint, self.args.warmup, self.args)
        return endpoint

    # -- S12: S1's proxy behind a cached Lambda TOKEN authorizer, on S1's JVM
    def turnpike_authorizer(self):
        if "authorizer" in self._extra:
            return self._extra["authorizer"]
        self.turnpike("s1")
        ep = self._tp_info["s1"]["ep"]
        api_id, token = authorizer_bench.configure(ep, aws_cli, self.work, self.backend().port)
        host = "%s.execute-api.%s.%s" % (api_id, ep["region"], ep["domainSuffix"])
        endpoint = Endpoint("turnpike-authorizer", ep["httpPort"], "/prod/bench", host,
                            headers={"Authorization": token})
        wait_serving(endpoint)
        status, body = get_once(endpoint, headers={})
        if status != 401:
            raise BenchError("%s without a token answered %d, expected 401: %r" % (endpoint.name, status, body))
        check(endpoint)
        self._extra["authorizer"] = endpoint
        log("Turnpike authorizer: API %s, TOKEN authorizer %s (cached); warming up %d s" % (
            api_id, authorizer_bench.FUNCTION, self.args.warmup))
        warm(endpoint, self.args.warmup, self.args)
        return endpoint

    # -- S13: S1's proxy behind a Cognito user pool authorizer, on S1's JVM
    def turnpike_cognito(self):
        if "cognito" in self._extra:
            return self._extra["cognito"]
        self.turnpike("s1")
        ep = self._tp_info["s1"]["ep"]
        api_id, token = authorizer_bench.configure_cognito(ep, aws_cli, self.backend().port)
        host = "%s.execute-api.%s.%s" % (api_id, ep["region"], ep["domainSuffix"])
        endpoint = Endpoint("turnpike-cognito", ep["httpPort"], "/prod/bench", host,
                            headers={"Authorization": token})
        wait_serving(endpoint)
        status, body = get_once(endpoint, headers={})
        if status != 401:
            raise BenchError("%s without a token answered %d, expected 401: %r" % (endpoint.name, status, body))
        check(endpoint)
        self._extra["cognito"] = endpoint
        log("Turnpike cognito: API %s, COGNITO_USER_POOLS; warming up %d s" % (api_id, self.args.warmup))
        warm(endpoint, self.args.warmup, self.args)
        return endpoint

    # -- S14: S1's route as an HTTP API (quick create), on S1's JVM
    def turnpike_http_api(self):
        if "http-api" in self._extra:
            return self._extra["http-api"]
        s1 = self.turnpike("s1")
        ep = self._tp_info["s1"]["ep"]
        v2 = aws_cli(ep, "apigatewayv2")
        api_id = v2("create-api", "--name", "bench-http", "--protocol-type", "HTTP", "--route-key", "GET /bench",
                    "--target", "http://127.0.0.1:%d/bench" % self.backend().port, "--query", "ApiId",
                    "--output", "text")
        host = "%s.execute-api.%s.%s" % (api_id, ep["region"], ep["domainSuffix"])
        endpoint = Endpoint("turnpike-http-api", s1.port, "/bench", host)
        wait_serving(endpoint)
        check(endpoint)
        self._extra["http-api"] = endpoint
        log("Turnpike HTTP API: %s (quick create, $default stage); warming up %d s" % (api_id, self.args.warmup))
        warm(endpoint, self.args.warmup, self.args)
        return endpoint

    # -- S13H: S1's API with S13's token in the Authorization header (forwarded; no authorizer reads it)
    def turnpike_s1_token_header(self):
        if "s1-token-header" in self._extra:
            return self._extra["s1-token-header"]
        s1 = self.turnpike("s1")
        token = self.turnpike_cognito().headers["Authorization"]
        endpoint = Endpoint("turnpike-s1-token-header", s1.port, s1.path, s1.host,
                            headers=dict(s1.headers, Authorization=token))
        check(endpoint)
        self._extra["s1-token-header"] = endpoint
        return endpoint

    # -- S3/S4: API key + usage plan + stage throttle, on S1's JVM (same warm JIT, a second API)
    def turnpike_keyed(self, sid, base="s1"):
        if sid in self._extra:
            return self._extra[sid]
        self.turnpike(base)
        info = self._tp_info[base]
        ep = info["ep"]
        aws = aws_cli(ep)
        api_id, res = configure_s1(ep, self.backend(), name="bench-" + sid.lower())
        aws("update-method", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
            "--patch-operations", "op=replace,path=/apiKeyRequired,value=true")
        aws("create-deployment", "--rest-api-id", api_id, "--stage-name", "prod")
        # stage throttle on every method, far above what one core can serve: checked, never rejects
        aws("update-stage", "--rest-api-id", api_id, "--stage-name", "prod", "--patch-operations",
            "op=replace,path=/*/*/throttling/rateLimit,value=1000000",
            "op=replace,path=/*/*/throttling/burstLimit,value=1000000")
        key_id, key_value = aws("create-api-key", "--name", "bench-" + sid.lower(), "--enabled",
                                "--query", "[id,value]", "--output", "text").split()
        plan = aws("create-usage-plan", "--name", "bench-" + sid.lower(), "--api-stages",
                   "apiId=%s,stage=prod" % api_id, "--throttle", "burstLimit=1000000,rateLimit=1000000",
                   "--quota", "limit=1000000000,period=DAY", "--query", "id", "--output", "text")
        aws("create-usage-plan-key", "--usage-plan-id", plan, "--key-id", key_id, "--key-type", "API_KEY")
        host = "%s.execute-api.%s.%s" % (api_id, ep["region"], ep["domainSuffix"])
        endpoint = Endpoint("turnpike-" + sid.lower(), ep["httpPort"], "/prod/bench", host,
                            headers={"X-API-Key": key_value})
        wait_serving(endpoint)
        status, body = get_once(endpoint, headers={})
        if status != 403:
            raise BenchError("%s without X-API-Key answered %d, expected 403: %r" % (endpoint.name, status, body))
        check(endpoint)
        if sid == "S4":
            # How fast the keyed path runs here and now, then a plan rate of half that: about half the requests of
            # a closed loop are refused with 429 (more than half when 429s turn out cheaper than proxied 200s).
            probe = run_wrk(endpoint, 5, self.args.connections)
            if probe["errors"]:
                raise BenchError("%d errors while probing %s" % (probe["errors"], endpoint.name))
            rate = max(1, int(probe["rps"] / 2))
            burst = max(1, rate // 20)
            aws("update-usage-plan", "--usage-plan-id", plan, "--patch-operations",
                "op=replace,path=/throttle/rateLimit,value=%d" % rate,
                "op=replace,path=/throttle/burstLimit,value=%d" % burst)
            endpoint.ok_statuses = (200, 429)
            endpoint.plan_limits = (rate, burst)
            time.sleep(2)  # the snapshot swap (served within a second)
            log("S4 plan throttle set to rateLimit %d, burstLimit %d (probe: %.0f rps with the key)" % (
                rate, burst, probe["rps"]))
        log("Turnpike %s: API %s, key %s, plan %s; warming up %d s" % (sid, api_id, key_id, plan, self.args.warmup))
        warm(endpoint, self.args.warmup, self.args)
        self._extra[sid] = endpoint
        return endpoint

    # -- S5/S6: SigV4 presigned GET on an AWS_IAM method (S6: + resource policy with a cross-account allow)
    def turnpike_signed(self, sid):
        if sid in self._extra:
            return self._extra[sid]
        s1 = self.turnpike("s1")
        info = self._tp_info["s1"]
        ep = info["ep"]
        aws = aws_cli(ep)
        profile = "default"
        api_id, res = configure_s1(ep, self.backend(), name="bench-" + sid.lower(), auth="AWS_IAM", deploy=False)
        if sid == "S6":
            # a second account (its admin = its root, profile [bench-b] in the credentials file) calls through a
            # resource policy that allows it; the caller's own account allows everything to its root.
            r = subprocess.run(["java", "-jar", JAR, "account", "create", "--data-dir", info["data"], "--name",
                                "bench-b"], capture_output=True, text=True, timeout=120)
            if r.returncode != 0:
                raise BenchError("turnpike account create failed: %s %s" % (r.stdout, r.stderr))
            other = re.search(r"\b(\d{12})\b", r.stdout + r.stderr)
            if not other:
                raise BenchError("turnpike account create printed no account id: %r" % r.stdout)
            other = other.group(1)
            profile = "bench-b"
            policy = json.dumps({"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % other},
                "Action": "execute-api:Invoke",
                "Resource": "arn:aws:execute-api:%s:%s:%s/*" % (ep["region"], ep["accountId"], api_id)}]})
            aws("update-rest-api", "--rest-api-id", api_id, "--patch-operations",
                json.dumps([{"op": "replace", "path": "/policy", "value": policy}]))
        aws("create-deployment", "--rest-api-id", api_id, "--stage-name", "prod")
        host = "%s.execute-api.%s.%s:%d" % (api_id, ep["region"], ep["domainSuffix"], ep["httpPort"])
        signed = lambda: presign(ep, profile, "http://%s/prod/bench" % host).split(host, 1)[1]
        endpoint = Endpoint("turnpike-" + sid.lower(), ep["httpPort"], signed(), host)
        # signed again before every run, so that each replay stays well inside the 5-minute window
        endpoint.refresh = lambda: setattr(endpoint, "path", signed())
        unsigned = Endpoint("unsigned", ep["httpPort"], "/prod/bench", host)
        wait_serving(endpoint)
        status, body = get_once(unsigned)
        if status != 403:
            raise BenchError("%s unsigned answered %d, expected 403: %r" % (sid, status, body[:200]))
        check(endpoint)
        log("Turnpike %s: API %s (AWS_IAM), presigned by profile [%s]; warming up %d s" % (
            sid, api_id, profile, self.args.warmup))
        warm(endpoint, self.args.warmup, self.args)
        self._extra[sid] = endpoint
        return endpoint

    # -- S7/S8: TLS
    def certs(self):
        """A throwaway CA (ECDSA P-256) and two leaves signed by it: ECDSA P-256 for the execute-api names (nginx's
        certificate in S7/S8-ECDSA; Turnpike serves its own default certificate, also ECDSA P-256) and RSA 2048 for
        rsa.bench.localhost (nginx and, imported through ACM, Turnpike's custom domain in S8-RSA)."""
        if "certs" not in self._extra:
            d = os.path.join(self.work, "certs")
            os.makedirs(d)
            ssl_ = lambda *a: subprocess.run(["openssl"] + list(a), cwd=d, check=True, capture_output=True,
                                             timeout=60)
            ssl_("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                 "-keyout", "ca-key.pem", "-out", "ca.pem", "-subj", "/CN=turnpike bench throwaway CA",
                 "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
            leaves = {"ecdsa": (["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"],
                                "*.execute-api.us-east-1.localhost"),
                      "rsa": (["-newkey", "rsa:2048"], RSA_DOMAIN)}
            for name, (keyopts, dns) in leaves.items():
                ssl_("req", *keyopts, "-nodes", "-keyout", name + "-key.pem", "-out", name + ".csr",
                     "-subj", "/CN=" + dns)
                with open(os.path.join(d, name + ".ext"), "w") as f:
                    f.write("subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n" % dns)
                ssl_("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem",
                     "-CAcreateserial", "-days", "2", "-sha256", "-extfile", name + ".ext", "-out", name + ".pem")
            self._extra["certs"] = d
        return self._extra["certs"]

    def nginx_tls(self):
        """nginx terminating TLS 1.3 and proxying to the same backend (keep-alive upstream), 1 worker on CPU 1:
        ECDSA certificate for *.execute-api… (default server), RSA certificate for rsa.bench.localhost."""
        if "nginx_tls" not in self._extra:
            be = self.backend()
            d = self.certs()
            upstream = "upstream backend { server 127.0.0.1:%d; keepalive 64; keepalive_requests 1000000; }" % be.port
            loc = ('location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }')
            tls = "ssl_protocols TLSv1.3; ssl_certificate %s/%%s.pem; ssl_certificate_key %s/%%s-key.pem;" % (d, d)
            block = "server_name *.execute-api.us-east-1.localhost; %s %s" % (tls % ("ecdsa", "ecdsa"), loc)
            more = "server { listen 127.0.0.1:%%(port)d ssl; server_name %s; %s %s }" % (
                RSA_DOMAIN, (tls % ("rsa", "rsa")).replace("%", "%%"), loc.replace("%", "%%"))
            prefix, conf, port = self._nginx("nginx-tls", block, upstream, listen="ssl", more_servers=more)
            proc = self.spawn("nginx-tls", ["nginx", "-p", prefix, "-c", conf, "-e", prefix + "/logs/error.log"],
                              SUT_CPU)
            wait_port(port, proc, "TLS reference nginx")
            s1 = self.turnpike("s1")
            self._extra["nginx_tls"] = port
            log("TLS reference nginx on 127.0.0.1:%d (CPU %s, 1 worker)" % (port, SUT_CPU))
        port = self._extra["nginx_tls"]
        return port

    def nginx_tls_ecdsa(self):
        port = self.nginx_tls()
        s1 = self.turnpike("s1")
        ep = Endpoint("nginx-tls-ecdsa", port, "/prod/bench", s1.host, scheme="https", sni=s1.host,
                      ca=os.path.join(self.certs(), "ca.pem"))
        check(ep)
        if "nginx_tls_warm" not in self._extra:
            warm(ep, min(self.args.warmup, 3), self.args)
            self._extra["nginx_tls_warm"] = True
        return ep

    def nginx_tls_rsa(self):
        port = self.nginx_tls()
        ep = Endpoint("nginx-tls-rsa", port, "/bench", RSA_DOMAIN, scheme="https", sni=RSA_DOMAIN,
                      ca=os.path.join(self.certs(), "ca.pem"))
        check(ep)
        return ep

    def turnpike_https(self):
        """S1's API over Turnpike's HTTPS listener, SNI = the execute-api host (the default certificate, ECDSA P-256
        from Turnpike's local CA)."""
        if "turnpike_https" in self._extra:
            return self._extra["turnpike_https"]
        s1 = self.turnpike("s1")
        ep = self._tp_info["s1"]["ep"]
        endpoint = Endpoint("turnpike-tls-ecdsa", ep["httpsPort"], "/prod/bench", s1.host, scheme="https",
                            sni=s1.host, ca=ep["caFile"])
        check(endpoint)
        # S1's warm-up compiled the HTTP path only; TLS record handling is other code, so it gets its own.
        log("Turnpike HTTPS (S7/S8E): warming up %d s" % self.args.warmup)
        warm(endpoint, self.args.warmup, self.args)
        self._extra["turnpike_https"] = endpoint
        return endpoint

    def turnpike_rsa(self):
        """S1's API behind a custom domain whose certificate (RSA 2048) was imported through Turnpike's ACM."""
        if "turnpike_rsa" not in self._extra:
            self.turnpike("s1")
            info = self._tp_info["s1"]
            ep = info["ep"]
            d = self.certs()
            acm = aws_cli(ep, "acm")
            arn = acm("import-certificate", "--certificate", "fileb://%s/rsa.pem" % d,
                      "--private-key", "fileb://%s/rsa-key.pem" % d, "--certificate-chain", "fileb://%s/ca.pem" % d,
                      "--query", "CertificateArn", "--output", "text")
            aws = aws_cli(ep)
            aws("create-domain-name", "--domain-name", RSA_DOMAIN, "--regional-certificate-arn", arn,
                "--endpoint-configuration", "types=REGIONAL", "--security-policy", "TLS_1_2")
            aws("create-base-path-mapping", "--domain-name", RSA_DOMAIN, "--rest-api-id", info["api_id"],
                "--stage", "prod")
            endpoint = Endpoint("turnpike-tls-rsa", ep["httpsPort"], "/bench", RSA_DOMAIN, scheme="https",
                                sni=RSA_DOMAIN, ca=os.path.join(d, "ca.pem"))
            wait_serving(endpoint)
            check(endpoint)
            log("Turnpike custom domain %s (RSA 2048 via ACM import %s)" % (RSA_DOMAIN, arn))
            self._extra["turnpike_rsa"] = endpoint
        return self._extra["turnpike_rsa"]


def wait_serving(endpoint, timeout=15):
    deadline = time.monotonic() + timeout
    while True:  # writes are served within a second (README); wait for the snapshot swap
        try:
            status, body = get_once(endpoint)
        except (OSError, ssl.SSLError) as e:
            status, body = None, repr(e).encode()
        if status == 200:
            return
        if time.monotonic() > deadline:
            raise BenchError("%s answered %s for %s: %r" % (endpoint.name, status, endpoint.url, body[:200]))
        time.sleep(0.2)


def aws_cli(ep, service="apigateway"):
    """The AWS CLI against one Turnpike's control plane, with its credentials file."""
    env = dict(os.environ, AWS_SHARED_CREDENTIALS_FILE=ep["credentialsFile"], AWS_DEFAULT_REGION=ep["region"],
               AWS_CONFIG_FILE="/dev/null", AWS_PAGER="")

    def aws(*a):
        cmd = ["aws", "--endpoint-url", "http://localhost:%d" % ep["adminPort"], service] + list(a)
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise BenchError("aws %s %s failed: %s" % (service, " ".join(a[:1]), r.stderr.strip()))
        return r.stdout.strip()
    return aws


def presign(ep, profile, url, expires=3600):
    """A presigned GET (SigV4 in the query string, service execute-api) with botocore; replayable for as long as
    the signature date is within Turnpike's 5-minute window, which is why bench/run presigns right before S5/S6
    (each scenario's rounds must finish within ~5 minutes of its setup: 3 rounds of 2 x 10 s do)."""
    import botocore.auth
    import botocore.awsrequest
    import botocore.session
    session = botocore.session.Session(profile=profile)
    session.set_config_variable("credentials_file", ep["credentialsFile"])
    session.set_config_variable("config_file", "/dev/null")
    creds = session.get_credentials()
    req = botocore.awsrequest.AWSRequest(method="GET", url=url)
    botocore.auth.SigV4QueryAuth(creds, "execute-api", ep["region"], expires=expires).add_auth(req)
    return req.prepare().url


def configure_s1(ep, backend, name="bench-s1", auth="NONE", deploy=True):
    """S1's API through the real control plane with the AWS CLI: GET /bench → HTTP_PROXY to the backend."""
    aws = aws_cli(ep)

    api_id, root = aws("create-rest-api", "--name", name, "--query", "[id,rootResourceId]",
                       "--output", "text").split()
    res = aws("create-resource", "--rest-api-id", api_id, "--parent-id", root, "--path-part", "bench",
              "--query", "id", "--output", "text")
    aws("put-method", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
        "--authorization-type", auth)
    aws("put-integration", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
        "--type", "HTTP_PROXY", "--integration-http-method", "GET",
        "--uri", "http://127.0.0.1:%d/bench" % backend.port)
    if deploy:
        aws("create-deployment", "--rest-api-id", api_id, "--stage-name", "prod")
    return api_id, res


def check(ep):
    status, body = get_once(ep)
    if status != 200 or len(body) != 100:
        raise BenchError("%s answered %d with %d bytes (expected 200 and the backend's 100 bytes): %r"
                         % (ep.name, status, len(body), body[:200]))


# ----------------------------------------------------------------------------------------------------------------
# Load
# ----------------------------------------------------------------------------------------------------------------

def process_ticks(pid):
    """utime + stime of a process (all its threads), in clock ticks; None when it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return None


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


STATUS_LUA = """
-- Counts responses by status (S4: 429s are expected there, anything else non-2xx is an error).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do io.write(string.format("status %d %d\\n", code, n)) end
  end
end
"""
_unshare_ok = None


def hosts_prefix(name):
    """wrk sends its URL's host as SNI and resolves it; the execute-api names do not resolve here. So wrk runs in
    a private mount namespace whose /etc/hosts maps the name to 127.0.0.1 (nothing changes outside that process).
    Returns [] when that is not possible (not root, no unshare): wrk then connects to 127.0.0.1 with SNI 127.0.0.1
    and Turnpike answers with its default certificate, the same ECDSA key."""
    global _unshare_ok
    hosts = os.path.join(tempfile.gettempdir(), "turnpike-bench-hosts-%d" % os.getpid())
    with open(hosts, "w") as f:
        f.write(open("/etc/hosts").read() + "\n127.0.0.1 %s\n" % name)
    prefix = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"', hosts]
    if _unshare_ok is None:
        r = subprocess.run(prefix + ["getent", "hosts", name], capture_output=True, text=True, timeout=10)
        _unshare_ok = r.returncode == 0 and "127.0.0.1" in r.stdout
        if not _unshare_ok:
            log("cannot give wrk a private /etc/hosts (%s); HTTPS runs send SNI 127.0.0.1" % r.stderr.strip())
    return prefix if _unshare_ok else []


def run_wrk(ep, seconds, connections, count_statuses=False):
    url, prefix = ep.url, []
    if ep.scheme == "https" and ep.sni:
        prefix = hosts_prefix(ep.sni)
        if prefix:
            url = ep.sni_url
    cmd = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency",
           "-H", "Host: " + ep.host]
    for k, v in ep.headers.items():
        cmd += ["-H", "%s: %s" % (k, v)]
    script = None
    if count_statuses or ep.ok_statuses != (200,):
        script = os.path.join(tempfile.gettempdir(), "turnpike-bench-statuses-%d.lua" % os.getpid())
        with open(script, "w") as f:
            f.write(STATUS_LUA)
        cmd += ["-s", script]
    cmd = prefix + cmd + [url]
    pid = getattr(ep, "pid", None)
    proc_before = process_ticks(pid) if pid else None
    before = cpu_ticks(SUT_CPU)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    after = cpu_ticks(SUT_CPU)
    proc_after = process_ticks(pid) if pid else None
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
    res = {"rps": float(m.group(1)), "p50_us": lat.get("50"), "p99_us": lat.get("99"),
           "requests": int(total.group(1)) if total else None, "socket_errors": socket_errors, "non2xx": non2xx,
           "errors": socket_errors + non2xx, "sut_cpu_busy_pct": busy_pct(before, after)}
    if proc_before is not None and proc_after is not None and res["requests"]:
        # The SUT process's own CPU per request: unlike rps, not moved by other work on the machine (the load
        # generator's core, other processes on the SUT's core), so two sides in one JVM compare even when noisy.
        res["cpu_us_per_req"] = round((proc_after - proc_before) * 1e6 / os.sysconf("SC_CLK_TCK")
                                      / res["requests"], 2)
    if script:
        statuses = {int(c): int(n) for c, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
        res["statuses"] = statuses
        unexpected = sum(n for c, n in statuses.items() if c not in ep.ok_statuses and not 200 <= c < 300)
        res["errors"] = socket_errors + unexpected
        answered = sum(statuses.values())
        res["rejected_429_pct"] = round(100.0 * statuses.get(429, 0) / answered, 1) if answered else None
    return res


def run_handshakes(ep, seconds, processes):
    """S8: a full TLS 1.3 handshake per request (bench/lib/handshakes.py: new connection, SNI, no session reuse,
    one GET with Connection: close, status checked). `processes` copies run in parallel on CPU 0 so that the server
    is never waiting for one client; their requests are summed over the wall time."""
    cmd = ["taskset", "-c", LOAD_CPU, sys.executable, os.path.join(BENCH, "lib", "handshakes.py"), str(ep.port),
           ep.sni, ep.host, ep.path, str(seconds)]
    before, load_before = cpu_ticks(SUT_CPU), cpu_ticks(LOAD_CPU)
    started = time.monotonic()
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              stdin=subprocess.DEVNULL) for _ in range(processes)]
    outs = []
    for p in procs:
        try:
            out, err = p.communicate(timeout=seconds + 60)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        outs.append((p.returncode, out, err))
    elapsed = time.monotonic() - started
    after, load_after = cpu_ticks(SUT_CPU), cpu_ticks(LOAD_CPU)
    requests, errors, statuses = 0, 0, {}
    for rc, out, err in outs:
        try:
            r = json.loads(out.strip().splitlines()[-1])
        except (ValueError, IndexError):
            errors += 1
            log("handshake client failed (%s): %s" % (rc, err[-500:]))
            continue
        requests += r["requests"]
        errors += r["errors"]
        for k, v in r["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    return {"rps": requests / elapsed if elapsed > 0 else 0.0, "p50_us": None, "p99_us": None, "requests": requests,
            "statuses": statuses, "errors": errors, "sut_cpu_busy_pct": busy_pct(before, after),
            # the clients' CPU: near 100 % with the server below it means the clients, not the server, set the pace
            "load_cpu_busy_pct": busy_pct(load_before, load_after)}


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
    r = run_wrk(ep, int(seconds), getattr(ep, "connections", None) or args.connections)
    if r["errors"]:
        raise BenchError("%d errors while warming up %s" % (r["errors"], ep.name))


def measure(scenario, ep, args):
    if scenario.kind == "closed":
        return run_wrk(ep, args.duration, scenario.connections or args.connections,
                       count_statuses=scenario.count_statuses)
    if scenario.kind == "handshake":
        return run_handshakes(ep, args.duration, args.handshake_clients)
    if scenario.kind == "open":
        return run_loadgen(ep, args.rate, args.open_duration, args.open_connections, args.open_warmup)
    if scenario.kind == "lambda1":
        return measure_lambda1(ep, args)
    return run_loadgen(ep, args.latency_rate, args.duration, 1, args.open_warmup)


LAMBDA_LATENCY_RATE = 200


def measure_lambda1(ep, args):
    """L2: latency at one connection; on the Lambda side also the function's REPORT durations over the same run
    (its own run time) and one cold start after the run."""
    fn = getattr(ep, "function", None)
    offset = lambda_bench.log_size(fn["log"]) if fn else 0
    # One invocation costs about a millisecond end to end, so L1's 1,000 rps at one connection would
    # saturate it and measure queueing; 200 rps keeps the connection mostly idle, as L1's does.
    r = run_loadgen(ep, min(args.latency_rate, LAMBDA_LATENCY_RATE), args.duration, 1, args.open_warmup)
    if fn:
        runs, _ = lambda_bench.durations_since(fn["log"], offset)
        r["function_p50_us"] = round(statistics.median(runs) * 1000, 1) if runs else None
        r["function_runs"] = len(runs)
        fn["attempt"] += 1
        status, took_ms, init_ms = lambda_bench.cold_start(ep, fn["lam"], get_once, fn["log"], fn["attempt"])
        if status != 200:
            raise BenchError("cold start request answered %d" % status)
        r["cold_start_ms"] = round(took_ms, 1)
        r["init_duration_ms"] = init_ms
        warm(ep, 3, args)  # back to warm instances before the next round
    return r


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
            if ep.port in ctx.pid_by_port:
                ep.pid = ctx.pid_by_port[ep.port]
            if getattr(ep, "refresh", None):
                ep.refresh()
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
    a_cpu = [r.get("cpu_us_per_req") for r in runs if r["side"] == "turnpike"]
    b_cpu = [r.get("cpu_us_per_req") for r in runs if r["side"] == "reference"]
    cpu_ratios = [b / a for a, b in zip(a_cpu, b_cpu) if a and b]
    if cpu_ratios:  # both sides are Turnpike: reference CPU/request over target's, read like the rps ratio
        res["cpu_us_per_req"] = med(a_cpu)
        res["reference_cpu_us_per_req"] = med(b_cpu)
        res["cpu_ratio"] = round(statistics.median(cpu_ratios), 3)
        res["cpu_ratio_min_max"] = [round(min(cpu_ratios), 3), round(max(cpu_ratios), 3)]
    if s.kind == "closed":
        res["load"] = "wrk -t1 -c%d -d%ds, closed loop" % (args.connections, args.duration)
        if s.count_statuses:
            res["rejected_429_pct"] = med(side("turnpike", "rejected_429_pct"))
            res["load"] += ", statuses counted by a Lua response() hook on both sides"
    if s.kind == "handshake":
        res["load_cpu_busy_pct"] = med(side("turnpike", "load_cpu_busy_pct"))
        res["reference_load_cpu_busy_pct"] = med(side("reference", "load_cpu_busy_pct"))
        res["load"] = ("%d x bench/lib/handshakes.py for %d s in parallel on CPU 0 (a new connection, full TLS 1.3 "
                       "handshake with SNI and one GET per request; no session reuse)" % (args.handshake_clients,
                                                                                      args.duration))
    if s.kind == "open":
        res["load"] = "loadgen --rate %d --connections %d --duration %ds (+%ds discarded), open loop, CO-corrected" % (
            args.rate, args.open_connections, args.open_duration, args.open_warmup)
        res["rate"] = args.rate
        res["p999_us"] = med(side("turnpike", "p999_us"))
        res["reference_p999_us"] = med(side("reference", "p999_us"))
        res["p999_us_min_max"] = span(side("turnpike", "p999_us"))
    if s.kind == "lambda1":
        res["load"] = ("loadgen --rate %d --connections 1 --duration %ds, open loop, CO-corrected; one cold start "
                       "per round (update-function-configuration, then one GET)" % (args.latency_rate,
                                                                                    args.duration))
        f = side("turnpike", "function_p50_us")
        res["function_p50_us"] = med(f)
        res["added_p50_us"] = med([a - b for a, b in zip(side("turnpike", "p50_us"), f) if b is not None])
        res["cold_start_ms"] = med(side("turnpike", "cold_start_ms"))
        res["cold_start_ms_min_max"] = span(side("turnpike", "cold_start_ms"))
        res["init_duration_ms"] = med(side("turnpike", "init_duration_ms"))
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
        met = s.meets(res) if res["ratio"] is not None else None
        res["meets_target"] = None if met is None else bool(met)
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
        notes = "target %s: %s" % (r["target"], {True: "met", False: "NOT met", None: "n/a"}[r["meets_target"]])
        if r.get("cpu_ratio") is not None:
            notes = "CPU/request %s vs %s us, ratio %s (%s-%s); " % (
                fmt(r["cpu_us_per_req"], 1), fmt(r["reference_cpu_us_per_req"], 1), r["cpu_ratio"],
                r["cpu_ratio_min_max"][0], r["cpu_ratio_min_max"][1]) + notes
        if r.get("rejected_429_pct") is not None:
            notes = "429s %s%% of answers; " % fmt(r["rejected_429_pct"], 1) + notes
        if "p999_us" in r:
            notes = "p99.9 %s us (ref %s) at %d rps; " % (fmt(r["p999_us"]), fmt(r["reference_p999_us"]),
                                                          r["rate"]) + notes
        if "added_p50_us" in r:
            notes = "added p50 %s us over the function's own %s us; cold start %s ms (init %s ms); " % (
                fmt(r["added_p50_us"], 1), fmt(r["function_p50_us"], 1), fmt(r["cold_start_ms"], 1),
                fmt(r["init_duration_ms"], 1)) + notes
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
    p.add_argument("--handshake-clients", type=int, default=4,
                   help="S8: handshake clients (bench/lib/handshakes.py) in parallel on CPU 0")
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
            latency_needed = s.kind != "handshake"
            if not (r["turnpike_rps"] and r["reference_rps"] and (r["p50_us"] and r["p99_us"] or not latency_needed)):
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
