#!/usr/bin/env python3
"""A HashiCorp Vault HTTP API server for hostgraft's tests.

There is no Vault binary to be had here, so this follows the real API
closely enough for a real client: KV v1 and v2 mounts (v2 versions,
metadata, soft delete, undelete, destroy), the sys/internal/ui/mounts
lookup, token / Kubernetes / AppRole / certificate login, namespaces
(X-Vault-Namespace), ACL policies, HTTPS with an optional client
certificate, and fault injection per path.

Usage: vault_server.py CONFIG.json --log FILE [--cert PEM --key PEM
[--client-ca PEM [--require-client-cert]]]. It listens on 127.0.0.1 on a
free port, prints the port on stdout, and appends one line per request to
the log: METHOD <tab> PATH <tab> NAMESPACE <tab> STATUS (a number, "reset"
or "hang") <tab> HEADERS (the request's header names, lower case, joined
by ","; so a test sees a header a client was tricked into sending),
written before the answer so a client that has its answer finds its line.

CONFIG (every key optional):
  namespaces: ["team-a", ...]
  mounts:   [{"path": "secret", "version": 2, "type": "kv", "namespace": ""}]
  secrets:  [{"path": "secret/app/tls", "data": {...}, "namespace": "",
              "deleted": false, "destroyed": false}]   # repeats add versions
  tokens:   {"TOKEN": {"policies": ["root"], "namespace": ""}}
  policies: {"NAME": {"secret/data/app/*": ["read"], "sys/internal/ui/mounts/*": ["deny"]}}
            ("+" matches one segment, a trailing "*" any rest; deny wins)
  auth:     [{"type": "kubernetes", "mount": "kubernetes", "namespace": "",
              "roles": {"web": {"jwt": "...", "policies": [...]}}},
             {"type": "approle", "roles": {"ci": {"role_id": "...", "secret_id": "...", "policies": [...]}}},
             {"type": "cert", "roles": {"web": {"common_name": "...", "policies": [...]}}}]
  faults:   [{"path": "/v1/secret/data/slow/*", "method": "GET", "latency_ms": 50,
              "sequence": [{"status": 429, "retry_after": 1}, {"status": 503},
                           {"reset": true}, {"hang": 30},
                           {"status": 200, "body": "raw answer, not JSON"}]}]
            (latency applies to every matching request, the sequence is
            used up one entry per matching request)
"""

import argparse
import datetime
import fnmatch
import json
import re
import secrets
import socket
import ssl
import struct
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit


def now_rfc3339():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def policy_regex(pattern):
    out = ""
    for part in re.split(r"(\+|\*$)", pattern):
        out += "[^/]+" if part == "+" else ".*" if part == "*" else re.escape(part)
    return re.compile(out + "$")


class Forbidden(Exception):
    pass


class State:
    def __init__(self, config, log_path):
        self.lock = threading.Lock()
        self.log = open(log_path, "a", buffering=1)
        self.namespaces = {""} | {n.strip("/") for n in config.get("namespaces", [])}
        self.mounts = {}
        for m in config.get("mounts", []):
            self.mounts[(m.get("namespace", ""), m["path"].strip("/"))] = {
                "type": m.get("type", "kv"), "version": int(m.get("version", 1))}
        self.kv = {}
        for s in config.get("secrets", []):
            ns, path = s.get("namespace", ""), s["path"].strip("/")
            mount = self.mount_of(ns, path)
            if mount is None:
                raise SystemExit("secret %s is in no mount" % path)
            if mount[1]["version"] == 1:
                self.kv[(ns, path)] = dict(s["data"])
            else:
                self.write_v2(ns, path, s["data"])
                version = self.kv[(ns, path)]["versions"][-1]
                if s.get("deleted"):
                    version["deletion_time"] = now_rfc3339()
                if s.get("destroyed"):
                    version["destroyed"] = True
        self.tokens = {t: {"policies": v.get("policies", []), "namespace": v.get("namespace", "")}
                       for t, v in config.get("tokens", {}).items()}
        self.policies = {name: [(p, policy_regex(p), set(caps)) for p, caps in rules.items()]
                         for name, rules in config.get("policies", {}).items()}
        self.auth = {(a.get("namespace", ""), a.get("mount", a["type"]).strip("/")): a for a in config.get("auth", [])}
        self.faults = [dict(f, sequence=list(f.get("sequence", []))) for f in config.get("faults", [])]

    def record(self, method, path, ns, status, headers=()):
        names = ",".join(sorted({h.lower() for h in headers}))
        with self.lock:
            self.log.write("%s\t%s\t%s\t%s\t%s\n" % (method, path, ns, status, names))

    def take_fault(self, method, path):
        latency, action = 0, None
        with self.lock:
            for f in self.faults:
                if f.get("method", method) != method or not fnmatch.fnmatchcase(path, f["path"]):
                    continue
                latency = max(latency, f.get("latency_ms", 0))
                if action is None and f["sequence"]:
                    action = f["sequence"].pop(0)
        return latency, action

    def mount_of(self, ns, path):
        best = None
        for (mns, mpath), m in self.mounts.items():
            if mns == ns and (path == mpath or path.startswith(mpath + "/")):
                if best is None or len(mpath) > len(best[0]):
                    best = (mpath, m)
        return best

    # ACL: the token's namespace must contain the request's; paths are
    # checked relative to the token's namespace, like Vault does.
    def capabilities(self, token, ns, path):
        t = self.tokens.get(token)
        if t is None:
            raise Forbidden()
        tns = t["namespace"]
        if tns and ns != tns and not ns.startswith(tns + "/"):
            raise Forbidden()
        rel_ns = ns[len(tns):].strip("/")
        full = (rel_ns + "/" if rel_ns else "") + path
        if "root" in t["policies"]:
            return {"root"}
        caps = set()
        for name in t["policies"]:
            for _, regex, granted in self.policies.get(name, []):
                if regex.match(full):
                    caps |= granted
        return caps

    def require(self, token, ns, path, wanted):
        caps = self.capabilities(token, ns, path)
        if "root" not in caps and ("deny" in caps or not caps & set(wanted)):
            raise Forbidden()

    def has_mount_access(self, token, ns, mount):
        t = self.tokens.get(token)
        if t is None:
            return False
        if "root" in t["policies"]:
            return True
        rel_ns = ns[len(t["namespace"]):].strip("/")
        prefix = (rel_ns + "/" if rel_ns else "") + mount + "/"
        for name in t["policies"]:
            for pattern, _, granted in self.policies.get(name, []):
                if pattern.startswith(prefix) and granted - {"deny"}:
                    return True
        return False

    def write_v2(self, ns, path, data):
        entry = self.kv.setdefault((ns, path), {"versions": [], "created_time": now_rfc3339()})
        entry["versions"].append({"data": dict(data), "created_time": now_rfc3339(), "deletion_time": "",
                                  "destroyed": False})
        return len(entry["versions"])


def envelope(data=None, auth=None):
    return {"request_id": str(uuid.uuid4()), "lease_id": "", "renewable": False, "lease_duration": 0,
            "data": data, "wrap_info": None, "warnings": None, "auth": auth}


def errors(*messages):
    return {"errors": list(messages)}


def version_meta(v, number):
    return {"created_time": v["created_time"], "custom_metadata": None, "deletion_time": v["deletion_time"],
            "destroyed": v["destroyed"], "version": number}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "VaultTestServer"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.serve("GET")

    def do_POST(self):
        self.serve("POST")

    def do_PUT(self):
        self.serve("PUT")

    def do_DELETE(self):
        self.serve("DELETE")

    def serve(self, method):
        state = self.server.state
        url = urlsplit(self.path)
        path = unquote(url.path)
        ns = self.headers.get("X-Vault-Namespace", "").strip("/")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        latency, action = state.take_fault(method, path)
        if latency:
            time.sleep(latency / 1000)
        if action and "hang" in action:
            state.record(method, path, ns, "hang", self.headers.keys())
            time.sleep(action["hang"])
            self.close_connection = True
            return
        if action and action.get("reset"):
            state.record(method, path, ns, "reset", self.headers.keys())
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        headers = {}
        if action and "body" in action:
            status, payload = action.get("status", 200), None
        elif action:
            status, payload = action["status"], errors(action.get("error", "injected fault"))
            if "retry_after" in action:
                headers["Retry-After"] = str(action["retry_after"])
        else:
            try:
                body = json.loads(raw) if raw.strip() else {}
                status, payload = self.route(method, path, parse_qs(url.query), ns, body)
            except Forbidden:
                status, payload = 403, errors("permission denied")
            except ValueError:
                status, payload = 400, errors("failed to parse JSON input")
        state.record(method, path, ns, status, self.headers.keys())
        if action and "body" in action:
            data = action["body"].encode()
        else:
            data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self, method, path, query, ns, body):
        state = self.server.state
        if not path.startswith("/v1/"):
            return 404, errors("unsupported path")
        path = path[4:].strip("/")
        if ns not in state.namespaces:
            return 404, errors('namespace "%s" not found' % ns)
        token = self.headers.get("X-Vault-Token", "")
        with state.lock:
            if path.startswith("auth/") and path.endswith("/login") and method in ("POST", "PUT"):
                return self.login(ns, path[5:-6], body)
            if path == "auth/token/lookup-self":
                state.require(token, ns, path, ["read"])
                t = state.tokens[token]
                return 200, envelope({"policies": t["policies"], "namespace_path": t["namespace"]})
            if path.startswith("sys/internal/ui/mounts/"):
                return self.mount_lookup(token, ns, path[len("sys/internal/ui/mounts/"):])
            found = state.mount_of(ns, path)
            if found is None:
                return 404, errors('no handler for route "%s". route entry not found.' % path)
            mount, m = found
            rel = path[len(mount):].strip("/")
            if m["version"] == 1:
                return self.kv1(token, ns, method, path, body)
            return self.kv2(token, ns, method, mount, rel, query, body)

    def mount_lookup(self, token, ns, path):
        state = self.server.state
        found = state.mount_of(ns, path.strip("/"))
        denied = (403, errors('preflight capability check returned 403, please ensure client\'s policies grant '
                              'access to path "%s/"' % path))
        if found is None or not state.has_mount_access(token, ns, found[0]):
            return denied
        if "deny" in state.capabilities(token, ns, "sys/internal/ui/mounts/" + path):
            return denied
        mount, m = found
        options = {"version": str(m["version"])} if m["type"] == "kv" else None
        return 200, envelope({"path": mount + "/", "type": m["type"], "options": options, "description": "",
                              "accessor": "%s_%s" % (m["type"], mount), "local": False, "seal_wrap": False,
                              "external_entropy_access": False, "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, mount))})

    def kv1(self, token, ns, method, path, body):
        state = self.server.state
        if method == "GET":
            state.require(token, ns, path, ["read"])
            if (ns, path) not in state.kv:
                return 404, errors()
            return 200, envelope(state.kv[(ns, path)])
        if method in ("POST", "PUT"):
            state.require(token, ns, path, ["update"] if (ns, path) in state.kv else ["create"])
            state.kv[(ns, path)] = dict(body)
            return 204, None
        state.require(token, ns, path, ["delete"])
        state.kv.pop((ns, path), None)
        return 204, None

    def kv2(self, token, ns, method, mount, rel, query, body):
        state = self.server.state
        op, _, secret = rel.partition("/")
        key = (ns, mount + "/" + secret)
        entry = state.kv.get(key)
        acl_path = mount + "/" + rel
        if op == "data" and method == "GET":
            state.require(token, ns, acl_path, ["read"])
            if entry is None:
                return 404, errors()
            number = int(query.get("version", ["0"])[0]) or len(entry["versions"])
            if number > len(entry["versions"]):
                return 404, errors()
            v = entry["versions"][number - 1]
            if v["deletion_time"] or v["destroyed"]:
                return 404, envelope({"data": None, "metadata": version_meta(v, number)})
            return 200, envelope({"data": v["data"], "metadata": version_meta(v, number)})
        if op == "data" and method in ("POST", "PUT"):
            state.require(token, ns, acl_path, ["update"] if entry else ["create"])
            cas = (body.get("options") or {}).get("cas")
            if cas is not None and cas != (len(entry["versions"]) if entry else 0):
                return 400, errors("check-and-set parameter did not match the current version")
            number = state.write_v2(ns, mount + "/" + secret, body.get("data") or {})
            return 200, envelope(version_meta(state.kv[key]["versions"][-1], number))
        if op == "data" and method == "DELETE":
            state.require(token, ns, acl_path, ["delete"])
            if entry:
                entry["versions"][-1]["deletion_time"] = now_rfc3339()
            return 204, None
        if op in ("delete", "undelete", "destroy") and method in ("POST", "PUT"):
            state.require(token, ns, acl_path, ["update"])
            for number in body.get("versions", []):
                if entry and 0 < number <= len(entry["versions"]):
                    v = entry["versions"][number - 1]
                    if op == "delete":
                        v["deletion_time"] = now_rfc3339()
                    elif op == "undelete":
                        v["deletion_time"] = ""
                    else:
                        v["destroyed"] = True
            return 204, None
        if op == "metadata" and method == "GET":
            state.require(token, ns, acl_path, ["read"])
            if entry is None:
                return 404, errors()
            versions = {str(i + 1): version_meta(v, i + 1) for i, v in enumerate(entry["versions"])}
            return 200, envelope({"current_version": len(entry["versions"]), "oldest_version": 1,
                                  "created_time": entry["created_time"], "max_versions": 0, "cas_required": False,
                                  "versions": versions})
        if op == "metadata" and method == "DELETE":
            state.require(token, ns, acl_path, ["delete"])
            state.kv.pop(key, None)
            return 204, None
        return 405, errors("unsupported operation")

    def login(self, ns, mount, body):
        state = self.server.state
        auth = state.auth.get((ns, mount))
        if auth is None:
            return 400, errors('no handler for route "auth/%s/login". route entry not found.' % mount)
        role = None
        if auth["type"] == "kubernetes":
            role = auth["roles"].get(body.get("role", ""))
            if role is None:
                return 400, errors('invalid role name "%s"' % body.get("role", ""))
            if body.get("jwt") != role["jwt"]:
                return 403, errors("permission denied")
        elif auth["type"] == "approle":
            role = next((r for r in auth["roles"].values() if r["role_id"] == body.get("role_id")), None)
            if role is None or body.get("secret_id") != role["secret_id"]:
                return 400, errors("invalid role or secret ID")
        elif auth["type"] == "cert":
            cert = self.connection.getpeercert() if isinstance(self.connection, ssl.SSLSocket) else None
            if not cert:
                return 400, errors("client certificate must be supplied")
            cn = dict(x[0] for x in cert.get("subject", ())).get("commonName")
            wanted = body.get("name")
            role = next((r for n, r in auth["roles"].items()
                         if r["common_name"] == cn and (not wanted or n == wanted)), None)
            if role is None:
                return 400, errors("invalid certificate or no client certificate supplied")
        token = "hvs." + secrets.token_urlsafe(24)
        state.tokens[token] = {"policies": role.get("policies", []), "namespace": ns}
        return 200, envelope(auth={"client_token": token, "accessor": secrets.token_urlsafe(8),
                                   "policies": role.get("policies", []), "token_policies": role.get("policies", []),
                                   "lease_duration": 3600, "renewable": True})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    tls = None
    # Clients open tens of connections at once, as against a real Vault;
    # the default backlog of 5 would drop SYNs and stall them for a second.
    request_queue_size = 128

    # The TLS handshake runs in the connection's own thread, so a client
    # that stalls in it does not stop the others.
    def finish_request(self, request, client_address):
        if self.tls:
            request = self.tls.wrap_socket(request, server_side=True, do_handshake_on_connect=False)
            try:
                request.do_handshake()
            except (ssl.SSLError, OSError):
                # Close gently so the client reads the TLS alert (say,
                # "certificate required") instead of a reset.
                try:
                    request.settimeout(1)
                    socket.socket.shutdown(request, socket.SHUT_WR)
                    while socket.socket.recv(request, 4096):
                        pass
                except OSError:
                    pass
                return
        try:
            self.RequestHandlerClass(request, client_address, self)
        finally:
            request.close()

    def handle_error(self, request, client_address):
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("--log", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--client-ca")
    parser.add_argument("--require-client-cert", action="store_true")
    args = parser.parse_args()
    with open(args.config) as f:
        config = json.load(f)
    server = Server(("127.0.0.1", 0), Handler)
    server.state = State(config, args.log)
    if args.cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.cert, args.key)
        if args.client_ca:
            ctx.load_verify_locations(args.client_ca)
            ctx.verify_mode = ssl.CERT_REQUIRED if args.require_client_cert else ssl.CERT_OPTIONAL
        server.tls = ctx
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
