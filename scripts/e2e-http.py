#!/usr/bin/env python3
"""Clients for scripts/e2e-http.sh: CloudEvents from the reference SDK, a 429 flood, hostile
clients. Each subcommand prints what the shell script checks, or exits 1 with a message.

Usage: e2e-http.py COMMAND PORT [ARGS]  (only 127.0.0.1)
"""
import http.client
import json
import socket
import sys
import threading
import time

HOST = "127.0.0.1"


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def post(port, path, body, headers=None, token=None):
    c = http.client.HTTPConnection(HOST, port, timeout=30)
    h = dict(headers or {})
    if token:
        h["Authorization"] = "Bearer " + token
    c.request("POST", path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data


def get_json(port, path, token=None):
    c = http.client.HTTPConnection(HOST, port, timeout=30)
    c.request("GET", path, headers={"Authorization": "Bearer " + token} if token else {})
    r = c.getresponse()
    data = r.read()
    if r.status != 200:
        fail("GET %s: %d %s" % (path, r.status, data[:200]))
    return json.loads(data)


def cloudevents(port):
    """KServe V1 and V2, Seldon, in binary and structured mode, in either order, with lost
    halves; batch mode; an unknown payload."""
    from cloudevents.conversion import to_binary, to_structured
    from cloudevents.http import CloudEvent

    def send(event, structured=False):
        headers, body = (to_structured if structured else to_binary)(event)
        status, _, answer = post(port, "/v1/events/kserve", body, headers)
        if status != 200:
            fail("CloudEvent %s: %d %s" % (event["type"], status, answer))
        return json.loads(answer)

    def kserve(kind, id, data, service="iris", endpoint="default"):
        return CloudEvent({"type": "org.kubeflow.serving.inference." + kind, "source": "http://node-7:9081/", "id": id,
                           "inferenceservicename": service, "namespace": "default", "endpoint": endpoint,
                           "component": "predictor"}, data)  # the SDK sets "time" to now

    # V1, binary mode, request first: 3 instances -> 3 predictions with features.
    assert send(kserve("request", "v1-a", {"instances": [[6.8, 2.8], [6.0, 3.4], [5.1, 3.5]]}))["accepted"] == 0
    assert send(kserve("response", "v1-a", {"predictions": [1, 1, 0]}))["accepted"] == 3
    # V2, structured mode, response first (KServe's logger is asynchronous).
    v2_request = {"inputs": [{"name": "x", "shape": [2, 2], "datatype": "FP32", "data": [1, 2, 3, 4]}]}
    v2_response = {"outputs": [{"name": "p", "shape": [2, 2], "datatype": "FP32", "data": [0.2, 0.8, 0.9, 0.1]}]}
    assert send(kserve("response", "v2-a", v2_response, endpoint="canary"), structured=True)["accepted"] == 0
    assert send(kserve("request", "v2-a", v2_request, endpoint="canary"), structured=True)["accepted"] == 2
    # Lost halves: a request whose response never comes, a response whose request never comes.
    send(kserve("request", "lost-response", {"instances": [[1, 1]]}))
    send(kserve("response", "lost-request", {"predictions": [0]}))
    # Seldon: request, response and feedback (the truth becomes a label for that request).
    def seldon(kind, data, requestid="s-1"):
        return CloudEvent({"type": "io.seldon.serving." + kind, "source": "http://seldon-0:8000/", "id": kind + requestid,
                           "requestid": requestid, "inferenceservicename": "churn", "namespace": "prod",
                           "endpoint": "default"}, data)
    send(seldon("inference.request", {"data": {"names": ["tenure", "plan"], "ndarray": [[12, 3]]}}))
    assert send(seldon("inference.response", {"data": {"names": ["t:0", "t:1"], "ndarray": [[0.3, 0.7]]}}))["accepted"] == 1
    assert send(seldon("feedback", {"truth": {"data": {"ndarray": [[1]]}}, "reward": 1}))["accepted"] == 1
    # Batch mode: two CloudEvents whose data are our own events.
    batch = json.dumps([{"specversion": "1.0", "id": str(i), "type": "com.example.prediction", "source": "s",
                         "datacontenttype": "application/json", "data": {"model": "batch", "prediction": i}} for i in range(2)])
    status, _, answer = post(port, "/v1/events/kserve", batch, {"Content-Type": "application/cloudevents-batch+json"})
    assert status == 200 and json.loads(answer)["accepted"] == 2, answer
    # A payload nobody understands: counted as malformed, with its reason.
    answer = send(kserve("request", "odd", {"something": "else"}))
    assert answer == {"accepted": 0, "malformed": 1}, answer
    print("ok")


def flood(port, rounds):
    """Concurrent large posts until some get 429 (the loop is kept busy); prints the events
    accepted in total and the 429s seen; each 429 must carry Retry-After."""
    line = json.dumps({"model": "flood", "prediction": 1, "features": {"x": 0.5, "y": "a"}}) + "\n"
    body = (line * 20000).encode()
    accepted = 0
    busy = 0
    lock = threading.Lock()

    def client():
        nonlocal accepted, busy
        for _ in range(4):
            status, headers, answer = post(port, "/v1/events/flood", body, {"Content-Type": "application/x-ndjson"})
            with lock:
                if status == 200:
                    accepted += json.loads(answer)["accepted"]
                elif status == 429:
                    if headers.get("retry-after") != "1":
                        fail("429 without Retry-After: %s" % headers)
                    busy += 1
                else:
                    fail("flood: %d %s" % (status, answer[:100]))

    for _ in range(int(rounds)):
        threads = [threading.Thread(target=client) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if busy:
            break
    print(accepted, busy)


def raw(port, data, read_timeout=10):
    """Sends raw bytes; returns what came back before the server closed (or the timeout)."""
    s = socket.create_connection((HOST, port))
    s.settimeout(read_timeout)
    s.sendall(data)
    out = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    except socket.timeout:
        pass
    s.close()
    return out


def hostile(port, request_timeout):
    """A slowloris client, an idle one, a disconnect mid-body, a 1 GB body (declared and
    streamed), invalid chunked encoding, and 10,000 connections opened and dropped."""
    request_timeout = float(request_timeout)
    # Slowloris: headers a byte at a time; the server answers 408 and closes by the deadline.
    s = socket.create_connection((HOST, port))
    start = time.time()
    s.settimeout(0.5)
    closed_at = None
    got = b""
    for b in b"POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nX-Slow: " + b"a" * 1000:
        try:
            s.send(bytes([b]))
            chunk = s.recv(4096)
            if not chunk:
                closed_at = time.time()
                break
            got += chunk
        except socket.timeout:
            pass
        except (BrokenPipeError, ConnectionResetError):
            closed_at = time.time()
            break
        if time.time() - start > request_timeout + 10:
            break
    s.close()
    if closed_at is None or closed_at - start > request_timeout + 3:
        fail("slowloris: still connected after %.1f s" % (time.time() - start))
    if b"408" not in got:
        fail("slowloris: no 408 before the close: %r" % got[:100])
    # Idle: a connection that sends nothing is closed after the idle timeout.
    start = time.time()
    if raw(port, b"", read_timeout=request_timeout + 10) != b"" or time.time() - start > request_timeout + 5:
        fail("idle connection not closed")
    # Disconnect mid-body.
    s = socket.create_connection((HOST, port))
    s.sendall(b"POST /v1/events/torn HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + b'{"model":"torn","prediction":1}\n' * 10)
    s.close()
    # A declared 1 GB body: 413 at once.
    answer = raw(port, b"POST /v1/events/big HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n")
    if not answer.startswith(b"HTTP/1.1 413"):
        fail("1 GB Content-Length: %r" % answer[:80])
    # A streamed (chunked) body without end: 413 once past the limit, and the connection closed.
    s = socket.create_connection((HOST, port))
    s.sendall(b"POST /v1/events/big HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n" % 65536 + b"x" * 65536 + b"\r\n"
    sent = 0
    try:
        while sent < 256 << 20:
            s.sendall(chunk)
            sent += 65536
    except (BrokenPipeError, ConnectionResetError):
        pass
    s.settimeout(5)
    try:
        answer = s.recv(4096)
    except (socket.timeout, ConnectionResetError):
        answer = b""
    s.close()
    if sent >= 256 << 20:
        fail("a streamed body was read past 256 MiB")
    if answer and not answer.startswith(b"HTTP/1.1 413"):
        fail("streamed body: %r" % answer[:80])
    # Invalid chunked encoding: 400.
    answer = raw(port, b"POST /v1/events/bad HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
    if not answer.startswith(b"HTTP/1.1 400"):
        fail("invalid chunked encoding: %r" % answer[:80])
    # 10,000 connections opened and dropped, 100 at a time.
    for _ in range(100):
        socks = []
        for _ in range(100):
            try:
                socks.append(socket.create_connection((HOST, port)))
            except OSError:
                pass
        for s in socks:
            s.close()
    print("ok")


def overload(port, count):
    """Opens COUNT connections at once and holds them: prints how many the server closed at once."""
    socks = [socket.create_connection((HOST, port)) for _ in range(int(count))]
    time.sleep(1)
    closed = 0
    for s in socks:
        s.settimeout(0.2)
        try:
            if s.recv(1) == b"":
                closed += 1
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed += 1
    for s in socks:
        s.close()
    print(closed)


if __name__ == "__main__":
    command, port = sys.argv[1], int(sys.argv[2])
    {"cloudevents": cloudevents, "flood": flood, "hostile": hostile, "overload": overload}[command](port, *sys.argv[3:])
