#!/usr/bin/env python3
"""S8's client: a full TLS 1.3 handshake per request, for a bounded time, against 127.0.0.1 only.

    handshakes.py PORT SNI HOST PATH SECONDS

Each request opens a new TCP connection, does a full TLS 1.3 handshake with SNI (a new SSLSocket without a session,
so never a resumption), sends `GET PATH` with `Host: HOST` and `Connection: close`, reads the answer to EOF and
checks its status line is 200. Prints one JSON line: {"requests", "errors", "seconds", "statuses"}.

Why not `openssl s_time -new`: OpenSSL 3.0's s_time cannot send SNI, and S8 needs it (the execute-api host for
ECDSA, a custom domain for RSA). The handshake itself is OpenSSL's (Python's ssl module); Python adds a few tens of
microseconds per connection on the client side, which bench/run offsets by running several of these in parallel.
The client does not verify the certificate (the harness checked it before the load), so its work per handshake is
the key exchange and the CertificateVerify signature check.
"""
import json
import socket
import ssl
import sys
import time


def main(argv):
    port, sni, host, path, seconds = int(argv[0]), argv[1], argv[2], argv[3], float(argv[4])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    request = ("GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % (path, host)).encode()
    requests, errors, statuses = 0, 0, {}
    started = time.monotonic()
    deadline = started + seconds
    while time.monotonic() < deadline:
        try:
            raw = socket.create_connection(("127.0.0.1", port), timeout=10)
            raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            with ctx.wrap_socket(raw, server_hostname=sni) as s:
                s.sendall(request)
                chunks = []
                while True:
                    b = s.recv(16384)
                    if not b:
                        break
                    chunks.append(b)
            head = b"".join(chunks)[:12]
            status = head[9:12].decode("ascii", "replace") if head.startswith(b"HTTP/1.") else "none"
            statuses[status] = statuses.get(status, 0) + 1
            requests += 1
            if status != "200":
                errors += 1
        except (OSError, ssl.SSLError) as e:
            errors += 1
            key = type(e).__name__
            statuses[key] = statuses.get(key, 0) + 1
    print(json.dumps({"requests": requests, "errors": errors, "seconds": time.monotonic() - started,
                      "statuses": statuses}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
