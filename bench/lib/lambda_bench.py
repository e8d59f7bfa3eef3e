"""S11 and L2 (issue 17): a REST API whose GET /bench is AWS_PROXY to a warm local Python function that returns a
constant 100-byte body, configured through the real AWS CLI (iam create-role, lambda create-function and
add-permission, apigateway put-integration), on S1's JVM.

What "added latency" means here: the function's own run time is what its REPORT lines say (`Duration`, from the
moment the runtime received the event to the moment it posted the result); everything else between the client's
request and its response is what Turnpike adds (HTTP, routing, the event, the Runtime API round trip to the
function process, response validation). Cold start: the first request after the function's instances were retired
(update-function-configuration), timed from the client, with the `Init Duration` its REPORT line gives.
"""
import concurrent.futures
import io
import os
import re
import statistics
import time
import zipfile

FUNCTION = "bench-fn"
CONCURRENCY = 10  # a function's instances at once on Turnpike unless configured otherwise (as Lambda's default)
HANDLER = "def handler(event, context):\n    return {'statusCode': 200, 'body': 'x' * 99 + '\\n'}\n"
REPORT = re.compile(r"REPORT RequestId: \S+\tDuration: ([0-9.]+) ms")
INIT = re.compile(r"Init Duration: ([0-9.]+) ms")


def configure(ep, aws_factory, work):
    """Creates the role, the function, the permission and the API; returns (api_id, function log path)."""
    iam, lam, apigw = aws_factory(ep, "iam"), aws_factory(ep, "lambda"), aws_factory(ep)
    role = iam("create-role", "--role-name", "bench-fn-role", "--assume-role-policy-document",
               '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":'
               '"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}', "--query", "Role.Arn", "--output", "text")
    zip_path = os.path.join(work, "bench-fn.zip")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("app.py", HANDLER)
    with open(zip_path, "wb") as f:
        f.write(buf.getvalue())
    arn = lam("create-function", "--function-name", FUNCTION, "--runtime", "python3.12", "--handler",
              "app.handler", "--role", role, "--zip-file", "fileb://" + zip_path, "--query", "FunctionArn",
              "--output", "text")
    api_id, root = apigw("create-rest-api", "--name", "bench-lambda", "--query", "[id,rootResourceId]",
                         "--output", "text").split()
    res = apigw("create-resource", "--rest-api-id", api_id, "--parent-id", root, "--path-part", "bench",
                "--query", "id", "--output", "text")
    apigw("put-method", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
          "--authorization-type", "NONE")
    apigw("put-integration", "--rest-api-id", api_id, "--resource-id", res, "--http-method", "GET",
          "--type", "AWS_PROXY", "--integration-http-method", "POST", "--uri",
          "arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations" % (ep["region"], arn))
    lam("add-permission", "--function-name", FUNCTION, "--statement-id", "bench", "--action",
        "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com", "--source-arn",
        "arn:aws:execute-api:%s:%s:%s/*/GET/bench" % (ep["region"], ep["accountId"], api_id))
    apigw("create-deployment", "--rest-api-id", api_id, "--stage-name", "prod")
    return api_id, lam


def start_instances(get_status, count):
    """Starts `count` instances of the function: `count` requests at once; returns their statuses."""
    with concurrent.futures.ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: get_status(), range(count)))


def log_size(path):
    return os.path.getsize(path) if os.path.exists(path) else 0


def durations_since(path, offset):
    """REPORT durations (ms) and init durations (ms) written to the function log after byte offset."""
    with open(path, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", "replace")
    runs, inits = [], []
    for line in text.splitlines():
        m = REPORT.search(line)
        if m:
            runs.append(float(m.group(1)))
            i = INIT.search(line)
            if i:
                inits.append(float(i.group(1)))
    return runs, inits


def cold_start(ep_endpoint, lam, get_once, log_path, attempt):
    """Retires the function's instances (a configuration change) and times the first request after it."""
    lam("update-function-configuration", "--function-name", FUNCTION, "--environment",
        "Variables={ATTEMPT=%d}" % attempt)
    time.sleep(1.5)  # the snapshot swap: the next request must reach the new configuration
    offset = log_size(log_path)
    started = time.perf_counter()
    status, _ = get_once(ep_endpoint)
    took_ms = (time.perf_counter() - started) * 1000
    _, inits = durations_since(log_path, offset)
    return status, took_ms, (inits[0] if inits else None)


def median(values):
    v = [x for x in values if x is not None]
    return round(statistics.median(v), 3) if v else None
