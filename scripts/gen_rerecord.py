#!/usr/bin/env python3
"""Generates (old, new) pairs of go-vcr cassettes the way a re-recording makes them.

Each pair is one test recorded twice against an API that changed a little in
between: resources get new ids (CRUD), list endpoints return inserted
elements, polling loops poll a different number of times, timestamps and
request ids move, and an upgraded recorder writes `proto: HTTP/1.1` where the
old one wrote "". The generator also writes what a perfect pairing would say
(truth.json: how many interactions are really the same request), which
docs/diff.md compares with what `cassette diff` pairs.

    scripts/gen_rerecord.py OUT_DIR [--pairs N] [--seed S]
    scripts/gen_rerecord.py OUT_DIR --scenario crud|list|polling|mixed --seed S

Writes OUT_DIR/NN-scenario/{old,new}.yaml and OUT_DIR/truth.json. Only
Python's standard library; the output depends only on the arguments.
"""
import argparse
import json
import os
import random
import string
import uuid


def yaml_str(s):
    """A YAML scalar as yaml.v3 writes a string: plain when safe, else single-quoted."""
    if s == "":
        return '""'
    safe = all(c.isalnum() or c in "-_./:" for c in s) and not s[0] in "-:." and not s.isdigit()
    if safe and s not in ("true", "false", "null", "yes", "no", "on", "off", "~"):
        return s
    return "'" + s.replace("'", "''") + "'"


class Recording:
    """One recording session: its clock, its ids and the recorder's version."""

    def __init__(self, rng, upgraded):
        self.rng = rng
        self.upgraded = upgraded  # the newer go-vcr: proto fields filled in
        self.clock = 1_733_000_000 + rng.randrange(10_000_000)
        self.interactions = []

    def token(self, n=12):
        return "".join(self.rng.choice(string.ascii_letters + string.digits) for _ in range(n))

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def now(self):
        self.clock += self.rng.randrange(1, 4)
        import datetime

        return datetime.datetime.fromtimestamp(self.clock, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add(self, method, url, req_body, code, resp_body, truth_key):
        self.interactions.append(
            {
                "method": method,
                "url": url,
                "req_body": "" if req_body is None else json.dumps(req_body, separators=(",", ":")),
                "code": code,
                "resp_body": "" if resp_body is None else json.dumps(resp_body, separators=(",", ":")),
                "request_id": "req_" + self.token(16),
                "duration": "%d.%03dms" % (self.rng.randrange(5, 900), self.rng.randrange(1000)),
                "truth": truth_key,
            }
        )

    def yaml(self):
        status = {200: "200 OK", 201: "201 Created", 202: "202 Accepted", 204: "204 No Content", 404: "404 Not Found"}
        out = ["---", "version: 2", "interactions:"]
        for i, x in enumerate(self.interactions):
            host = x["url"].split("/")[2]
            proto = "HTTP/1.1" if self.upgraded else '""'
            major = 1 if self.upgraded else 0
            out += [
                "    - id: %d" % i,
                "      request:",
                "        proto: %s" % proto,
                "        proto_major: %d" % major,
                "        proto_minor: %d" % major,
                "        content_length: %d" % len(x["req_body"]),
                "        transfer_encoding: []",
                "        trailer: {}",
                "        host: %s" % host,
                "        remote_addr: \"\"",
                "        request_uri: \"\"",
                "        body: %s" % yaml_str(x["req_body"]),
                "        form: {}",
                "        headers:",
                "            Accept:",
                "                - application/json",
            ]
            if x["req_body"]:
                out += ["            Content-Type:", "                - application/json"]
            out += [
                "            User-Agent:",
                "                - %s" % ("example-sdk/2.4.0" if self.upgraded else "example-sdk/2.3.1"),
                "        url: %s" % yaml_str(x["url"]),
                "        method: %s" % x["method"],
                "      response:",
                "        proto: HTTP/1.1",
                "        proto_major: 1",
                "        proto_minor: 1",
                "        transfer_encoding: []",
                "        trailer: {}",
                "        content_length: %d" % len(x["resp_body"]),
                "        uncompressed: false",
                "        body: %s" % yaml_str(x["resp_body"]),
                "        headers:",
            ]
            if x["resp_body"]:
                out += ["            Content-Length:", "                - \"%d\"" % len(x["resp_body"])]
                out += ["            Content-Type:", "                - application/json"]
            out += [
                "            Date:",
                "                - %s" % yaml_str("Mon, 02 Dec 2024 %02d:%02d:%02d GMT" % (self.clock // 3600 % 24, self.clock // 60 % 60, self.clock % 60)),
                "            X-Request-Id:",
                "                - %s" % x["request_id"],
                "        status: %s" % yaml_str(status[x["code"]]),
                "        code: %d" % x["code"],
                "        duration: %s" % x["duration"],
            ]
        return "\n".join(out) + "\n"


API = "https://api.example.com/v1"


def crud(rec, version, n, idstyle):
    """Create, read, update and delete n widgets; the server hands out new ids."""
    for k in range(n):
        wid = {"uuid": rec.uuid(), "token": "wgt_" + rec.token(14), "number": str(rec.rng.randrange(10**6, 10**7)),
               "words": "-".join(rec.rng.choice(["amber", "otter", "kestrel", "slate", "fjord", "maple", "quartz"]) for _ in range(3))}[idstyle]
        created = rec.now()
        item = {"id": wid, "name": "widget-%d" % k, "size": k + 1, "created_at": created}
        if version == 2:
            item["region"] = "eu-west-1"  # what the API added between the recordings
        rec.add("POST", API + "/widgets", {"name": "widget-%d" % k, "size": k + 1}, 201, item, "crud:post:%d" % k)
        rec.add("GET", API + "/widgets/" + wid, None, 200, item, "crud:get:%d" % k)
        upd = dict(item, size=k + 2, updated_at=rec.now())
        rec.add("PATCH", API + "/widgets/" + wid, {"size": k + 2}, 200, upd, "crud:patch:%d" % k)
        rec.add("DELETE", API + "/widgets/" + wid, None, 204, None, "crud:delete:%d" % k)
        rec.add("GET", API + "/widgets/" + wid, None, 404, {"error": "not found"}, "crud:gone:%d" % k)


def listing(rec, version, n, inserted):
    """A list endpoint: the new recording sees orders created in between."""
    orders = [{"id": "ord_%04d" % k, "status": "paid", "total": 10 * k + 5, "items": [{"sku": "A-%d" % k, "qty": 1}]}
              for k in range(n)]
    if version == 2:
        for k in range(inserted):
            orders.insert(k * 3 % (len(orders) + 1), {"id": "ord_9%03d" % k, "status": "pending", "total": 99, "items": []})
        orders[-1]["status"] = "refunded"
    for page in range(0, len(orders), 20):
        rec.add("GET", API + "/orders?limit=20&offset=%d" % page, None, 200,
                {"data": orders[page:page + 20], "has_more": page + 20 < len(orders)}, None)
    rec.add("GET", API + "/orders/count", None, 200, {"count": len(orders)}, "list:count")


def polling(rec, version, polls):
    """Start a job, poll until done: the number of polls depends on the server's speed."""
    jid = rec.uuid()
    rec.add("POST", API + "/exports", {"format": "csv"}, 202, {"id": jid, "state": "queued"}, "poll:start")
    for k in range(polls):
        body = {"id": jid, "state": "running", "progress": None}
        if version == 2:
            body["eta_seconds"] = None  # a field the API added
        rec.add("GET", API + "/exports/" + jid, None, 200, body, "poll:%d" % k)
    done = {"id": jid, "state": "done", "url": "https://files.example.com/" + rec.token(24) + ".csv"}
    rec.add("GET", API + "/exports/" + jid, None, 200, done, "poll:done")


def make_pair(scenario, seed):
    rng_shape = random.Random(seed)
    old = Recording(random.Random(seed * 2 + 1), upgraded=False)
    new = Recording(random.Random(seed * 2 + 2), upgraded=rng_shape.random() < 0.5 if scenario == "mixed" else True)
    idstyle = rng_shape.choice(["uuid", "token", "number", "words"])
    n = rng_shape.randrange(2, 8)
    size = rng_shape.randrange(5, 45)
    ins = rng_shape.randrange(1, 4)
    polls_old = rng_shape.randrange(3, 14)
    polls_new = max(1, polls_old + rng_shape.randrange(-3, 4))
    for version, rec in ((1, old), (2, new)):
        if scenario in ("crud", "mixed"):
            crud(rec, version, n, idstyle)
        if scenario in ("list", "mixed"):
            listing(rec, version, size, ins)
        if scenario in ("polling", "mixed"):
            polling(rec, version, polls_old if version == 1 else polls_new)
    # Same request in both: the truth keys both have, counted with repeats.
    from collections import Counter

    ko = Counter(x["truth"] for x in old.interactions if x["truth"])
    kn = Counter(x["truth"] for x in new.interactions if x["truth"])
    lo = Counter(x["url"] for x in old.interactions if not x["truth"])
    ln = Counter(x["url"] for x in new.interactions if not x["truth"])
    same = sum((ko & kn).values()) + sum((lo & ln).values())
    truth = {"old": len(old.interactions), "new": len(new.interactions), "same_request": same,
             "really_removed": len(old.interactions) - same, "really_added": len(new.interactions) - same}
    return old.yaml(), new.yaml(), truth


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--pairs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenario", choices=["crud", "list", "polling", "mixed"])
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    truths = {}
    jobs = [(a.scenario, a.seed)] if a.scenario else [
        (["crud", "list", "polling", "mixed"][k % 4], a.seed + k) for k in range(a.pairs)]
    for k, (scenario, seed) in enumerate(jobs):
        old, new, truth = make_pair(scenario, seed)
        d = os.path.join(a.out, "%02d-%s" % (k, scenario)) if not a.scenario else a.out
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, "old.yaml"), "w").write(old)
        open(os.path.join(d, "new.yaml"), "w").write(new)
        truths[os.path.basename(d)] = truth
    with open(os.path.join(a.out, "truth.json"), "w") as f:
        json.dump(truths, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
