#!/usr/bin/env python3
"""Signs a fixed set of requests with botocore's own SigV4 signers and prints them.

Used by BotocoreVectorsTest (dev.turnpike.auth.sigv4). Time is frozen by replacing
botocore.auth.get_current_datetime, which SigV4Auth.add_auth calls to stamp the request.
Output: one block per case, every free-form field base64-encoded so values may hold any byte:

    case <name>
    <field> <base64> [<base64>]
    ...
    end
"""
import base64
import datetime
import sys

import botocore
import botocore.auth
from botocore.auth import SigV4Auth, SigV4QueryAuth, _host_from_url
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

FROZEN = datetime.datetime(2026, 1, 1, 12, 0, 0)
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: FROZEN

AKID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
TEMP_AKID = "ASIAEXAMPLETEMP"
TEMP_SECRET = "tempSecret/abc+def"
TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN+/=="
HOST = "https://abc123defg.execute-api.us-east-1.amazonaws.com"

CASES = [
    # name, mode, service, region, temp, method, url, headers (list), body, context
    ("get-simple", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/pets", [], b"", {}),
    ("get-root-empty-path", "header", "execute-api", "us-east-1", False, "GET",
     HOST, [], b"", {}),
    ("get-query-repeated-empty", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/pets?b=2&a=1&a=0&empty=&flag&sp=a%20b&tilde=~x", [], b"", {}),
    ("get-query-client-encoding", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/search?path=a/b:c&plus=a+b&Q=1", [], b"", {}),
    ("get-path-space", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/pets/a%20b", [], b"", {}),
    ("get-path-unicode", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/caf%C3%A9/%E2%9C%93", [], b"", {}),
    ("get-path-encoded-slash", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/pets/a%2Fb", [], b"", {}),
    ("get-path-dot-segments", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev//pets/./x/../y/", [], b"", {}),
    ("post-json-body", "header", "execute-api", "eu-west-1", False, "POST",
     "https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/orders?dry=true",
     [("Content-Type", "application/json"), ("X-Custom", "  a   b\t c  ")],
     '{"item":"caf\u00e9","qty":2}'.encode("utf-8"), {}),
    ("repeated-header", "header", "execute-api", "us-east-1", False, "PUT",
     HOST + "/dev/pets/1", [("X-Multi", "one"), ("X-Multi", " two  three "), ("User-Agent", "test/1.0")],
     b"payload", {}),
    ("temp-credentials", "header", "execute-api", "us-east-1", True, "GET",
     HOST + "/dev/pets?limit=10", [], b"", {}),
    ("non-default-port", "header", "execute-api", "us-east-1", False, "GET",
     "http://localhost:8080/dev/pets", [], b"", {}),
    ("date-header", "header", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/pets", [("Date", "placeholder")], b"", {}),
    ("unsigned-payload", "header", "execute-api", "us-east-1", False, "POST",
     HOST + "/dev/upload", [], b"not hashed", {"payload_signing_enabled": False}),
    ("apigateway-control-plane", "header", "apigateway", "us-east-1", False, "POST",
     "https://apigateway.us-east-1.amazonaws.com/restapis",
     [("Content-Type", "application/json")], b'{"name":"pets"}', {}),
    ("sts-form", "header", "sts", "us-east-1", True, "POST",
     "https://sts.us-east-1.amazonaws.com/",
     [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
     b"Action=GetCallerIdentity&Version=2011-06-15", {}),
    ("presigned-get", "query", "execute-api", "us-east-1", False, "GET",
     HOST + "/dev/pets/a%20b?name=caf%C3%A9&x=", [], b"", {}),
    ("presigned-temp", "query", "execute-api", "us-east-1", True, "GET",
     HOST + "/dev/pets", [], b"", {}),
]


def b64(value):
    if isinstance(value, str):
        value = value.encode("utf-8")
    return base64.b64encode(value).decode("ascii")


def emit(out, field, *values):
    out.append(field + "".join(" " + b64(v) for v in values))


def main():
    out = ["botocore " + botocore.__version__]
    for name, mode, service, region, temp, method, url, headers, body, context in CASES:
        creds = Credentials(TEMP_AKID, TEMP_SECRET, TOKEN) if temp else Credentials(AKID, SECRET)
        request = AWSRequest(method=method, url=url, data=body)
        for header_name, header_value in headers:
            request.headers[header_name] = header_value  # HTTPHeaders appends on repeat
        request.context.update(context)
        pre_headers = list(request.headers.items())
        signer = SigV4Auth(creds, service, region) if mode == "header" \
            else SigV4QueryAuth(creds, service, region, expires=300)
        captured = {}
        original_cr, original_sts = signer.canonical_request, signer.string_to_sign

        def canonical_request(req, _orig=original_cr, _cap=captured):
            _cap["canonical"] = _orig(req)
            return _cap["canonical"]

        def string_to_sign(req, cr, _orig=original_sts, _cap=captured):
            _cap["sts"] = _orig(req, cr)
            return _cap["sts"]

        signer.canonical_request = canonical_request
        signer.string_to_sign = string_to_sign
        signer.add_auth(request)
        out.append("case " + name)
        emit(out, "mode", mode)
        emit(out, "service", service)
        emit(out, "region", region)
        emit(out, "credentials", creds.access_key, creds.secret_key, creds.token or "")
        emit(out, "timestamp", FROZEN.strftime("%Y%m%dT%H%M%SZ"))
        emit(out, "method", method)
        emit(out, "url", request.url)
        emit(out, "host", _host_from_url(request.url))
        for header_name, header_value in pre_headers:
            emit(out, "preheader", header_name, header_value)
        for header_name, header_value in request.headers.items():
            emit(out, "header", header_name, header_value)
        emit(out, "body", body)
        emit(out, "canonical", captured["canonical"])
        emit(out, "stringtosign", captured["sts"])
        out.append("end")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
