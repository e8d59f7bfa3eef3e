# Turnpike's Python runtime for Lambda functions: the Runtime API client AWS's awslambdaric is,
# in the standard library only. It imports `module.function` from _HANDLER (relative to
# LAMBDA_TASK_ROOT), then loops: fetch the next event, call handler(event, context), post the
# JSON result to /response or the error object to /error.
# AWS: https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html
#      https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
import importlib
import json
import os
import socket
import sys
import time
import traceback

# host:port, optionally followed by a path prefix (Turnpike gives each instance its own).
HOST, _, PREFIX = os.environ["AWS_LAMBDA_RUNTIME_API"].partition("/")
BASE = ("/" + PREFIX if PREFIX else "") + "/2018-06-01/runtime"
_connection = None


class Response:
    # What the loop reads of a Runtime API answer: status, headers by lower-case name, body.
    def __init__(self, status, headers, will_close):
        self.status = status
        self.headers = headers
        self.will_close = will_close


class Connection:
    # A minimal HTTP/1.1 client over one keep-alive socket to the local Runtime API. http.client
    # parsed every answer with the email package: on one shared core that parsing, after each
    # /response, ran before the gateway could answer its client (L2's added latency).
    def __init__(self, hostport):
        host, _, port = hostport.rpartition(":")
        self.sock = socket.create_connection((host, int(port)))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the Runtime API closed the connection")
        self.buffer += chunk

    def _take(self, n):
        while len(self.buffer) < n:
            self._fill()
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _line(self):
        while True:
            i = self.buffer.find(b"\r\n")
            if i >= 0:
                out, self.buffer = self.buffer[:i], self.buffer[i + 2:]
                return out
            self._fill()

    def request(self, method, path, body=None, headers=None):
        head = [method + " " + path + " HTTP/1.1", "Host: " + HOST]
        for k, v in (headers or {}).items():
            head.append(k + ": " + v)
        if body is not None or method == "POST":
            head.append("Content-Length: " + str(len(body or b"")))
        self.sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body or b""))
        while True:
            while self.buffer.find(b"\r\n\r\n") < 0:
                self._fill()
            status_line = self._line().decode("latin-1")
            status = int(status_line.split(" ", 2)[1])
            answer_headers = {}
            while True:
                line = self._line()
                if not line:
                    break
                name, _, value = line.decode("latin-1").partition(":")
                answer_headers[name.strip().lower()] = value.strip()
            if status >= 200:
                break  # a 1xx is followed by the real answer
        if "chunked" in answer_headers.get("transfer-encoding", "").lower():
            parts = []
            while True:
                size = int(self._line().split(b";")[0], 16)
                if size == 0:
                    while self._line():
                        pass
                    break
                parts.append(self._take(size))
                self._line()
            data = b"".join(parts)
        else:
            data = self._take(int(answer_headers.get("content-length", "0")))
        will_close = answer_headers.get("connection", "").lower() == "close"
        return Response(status, answer_headers, will_close), data


def call(method, path, body=None, headers=None):
    # One keep-alive connection for the instance's life: a new TCP connection per call cost more
    # than the handler itself. No timeout: /next blocks until an event arrives. A connection the
    # server closed is opened again once.
    global _connection
    for attempt in (0, 1):
        if _connection is None:
            _connection = Connection(HOST)
        try:
            response, data = _connection.request(method, BASE + path, body, headers)
            if response.will_close:
                _connection.close()
                _connection = None
            return response, data
        except (OSError, ValueError, IndexError):
            _connection.close()
            _connection = None
            if attempt:
                raise


def post(path, body, error_type=None):
    headers = {"Content-Type": "application/json"}
    if error_type:
        headers["Lambda-Runtime-Function-Error-Type"] = error_type
    call("POST", path, body, headers)


def error_object(e, request_id=None):
    frames = traceback.format_list(traceback.extract_tb(e.__traceback__)[1:])
    obj = {"errorMessage": str(e), "errorType": type(e).__name__}
    if request_id:
        obj["requestId"] = request_id
    obj["stackTrace"] = frames
    return obj


class ClientContext:
    # awslambdaric's shape: context.client_context.custom / .env / .client
    def __init__(self, d):
        self.client = d.get("client")
        self.custom = d.get("custom")
        self.env = d.get("env")


class CognitoIdentity:
    def __init__(self, d):
        self.cognito_identity_id = d.get("cognitoIdentityId")
        self.cognito_identity_pool_id = d.get("cognitoIdentityPoolId")


class Context:
    def __init__(self, headers):
        self.aws_request_id = headers["lambda-runtime-aws-request-id"]
        self.invoked_function_arn = headers["lambda-runtime-invoked-function-arn"]
        self._deadline_ms = int(headers["lambda-runtime-deadline-ms"])
        self.function_name = os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        self.function_version = os.environ["AWS_LAMBDA_FUNCTION_VERSION"]
        self.memory_limit_in_mb = os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]
        self.log_group_name = os.environ["AWS_LAMBDA_LOG_GROUP_NAME"]
        self.log_stream_name = os.environ["AWS_LAMBDA_LOG_STREAM_NAME"]
        client_context = headers.get("lambda-runtime-client-context")
        self.client_context = ClientContext(json.loads(client_context)) if client_context else None
        identity = headers.get("lambda-runtime-cognito-identity")
        self.identity = CognitoIdentity(json.loads(identity)) if identity else None

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def load_handler():
    spec = os.environ["_HANDLER"]
    module_name, _, function_name = spec.rpartition(".")
    if not module_name:
        raise ValueError("Bad handler '" + spec + "': not enough values to unpack")
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except Exception as e:
        raise ImportError("Unable to import module '" + module_name + "': " + str(e)) from e
    handler = getattr(module, function_name, None)
    if handler is None:
        raise AttributeError(
            "Handler '" + function_name + "' missing on module '" + module_name + "'")
    return handler


def main():
    try:
        handler = load_handler()
    except Exception as e:
        # AWS names these Runtime.ImportModuleError / Runtime.HandlerNotFound.
        kind = "Runtime.ImportModuleError" if isinstance(e, ImportError) else "Runtime.HandlerNotFound"
        body = {"errorMessage": str(e), "errorType": kind, "stackTrace": []}
        print("[ERROR] " + kind + ": " + str(e), flush=True)
        post("/init/error", json.dumps(body).encode(), kind)
        sys.exit(1)
    while True:
        response, event_bytes = call("GET", "/invocation/next")
        headers = response.headers
        request_id = headers.get("lambda-runtime-aws-request-id")
        if response.status != 200 or not request_id:
            # The instance was retired (code or configuration changed): nothing more to run.
            sys.exit(0)
        trace = headers.get("lambda-runtime-trace-id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        try:
            event = json.loads(event_bytes) if event_bytes else None
            result = handler(event, Context(headers))
            body = json.dumps(result).encode()
        except Exception as e:
            obj = error_object(e, request_id)
            print("[ERROR] " + obj["errorType"] + ": " + obj["errorMessage"], flush=True)
            sys.stdout.flush()
            post("/invocation/" + request_id + "/error", json.dumps(obj).encode(),
                 "Unhandled")
            continue
        sys.stdout.flush()
        post("/invocation/" + request_id + "/response", body)


if __name__ == "__main__":
    main()
