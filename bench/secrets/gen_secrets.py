#!/usr/bin/env python3
"""Planted-secret benchmark for `cassette redact` / `lint` (issue #16).

Writes one go-vcr v2 cassette per kind into OUT/ and OUT/manifest.json,
which lists every planted secret and every decoy (value, kind, file). All
values are random and fake; decoys sit beside the secrets in the same
interactions: UUIDs, digests, ETags, trace ids, Stripe object ids and
publishable keys, public keys, AWS's documentation keys, page tokens,
affinity and preference cookies, placeholders in credential fields.

Usage: gen_secrets.py OUT [--seed N] [--per-kind N]
Scored by bench/secrets/score.py.
"""
import argparse
import base64
import json
import os
import random
import string
import urllib.parse

AL = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
B64 = AL + "+/"


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def s(self, n, alphabet=AL):
        # No run of 3 equal characters and no stop-words: a generated value.
        while True:
            v = "".join(self.r.choice(alphabet) for _ in range(n))
            low = v.lower()
            if any(w in low for w in ("test", "fake", "your", "mock", "demo", "example", "secret", "token")):
                continue
            return v

    def hex(self, n):
        return self.s(n, HEX)

    def b64(self, nbytes):
        return base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(nbytes))).decode()

    def uuid(self):
        h = self.hex(32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"

    def password(self):
        return self.s(6) + self.r.choice("!#%*-_.") + self.s(7)


def yq(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def interaction(i, method, url, req_headers=None, req_body="", resp_headers=None, resp_body="", literal_body=False):
    host = urllib.parse.urlsplit(url).netloc
    out = [f"    - id: {i}", "      request:", "        proto: HTTP/1.1", "        proto_major: 1",
           "        proto_minor: 1", f"        content_length: {len(req_body.encode())}", f"        host: {host}"]
    if req_body:
        out.append(f"        body: {yq(req_body)}")
    if req_headers:
        out.append("        headers:")
        for k, v in sorted(req_headers.items()):
            out.append(f"            {k}:")
            out.append(f"                - {yq(v)}")
    out += [f"        url: {yq(url)}", f"        method: {method}", "      response:", "        proto: HTTP/1.1",
            "        proto_major: 1", "        proto_minor: 1", f"        content_length: {len(resp_body.encode())}"]
    if resp_headers:
        out.append("        headers:")
        for k, v in sorted(resp_headers.items()):
            out.append(f"            {k}:")
            out.append(f"                - {yq(v)}")
    if literal_body and resp_body.endswith("\n") and all(0x20 <= ord(c) < 0x7f or c == "\n" for c in resp_body):
        out.append("        body: |")
        for line in resp_body[:-1].split("\n"):
            out.append("            " + line if line else "")
    else:
        out.append(f"        body: {yq(resp_body)}")
    out += ["        status: 200 OK", "        code: 200", "        duration: 152.3ms"]
    return "\n".join(out)


class Bench:
    def __init__(self, g):
        self.g = g
        self.manifest = {"secrets": [], "decoys": []}

    def secret(self, kind, value, f, needle=None):
        # needle: how the value is written in the file when not as itself
        e = {"kind": kind, "value": value, "file": f}
        if needle:
            e["needle"] = needle
        self.manifest["secrets"].append(e)
        return value

    def decoy(self, kind, value, f, needle=None):
        e = {"kind": kind, "value": value, "file": f}
        if needle:
            e["needle"] = needle
        self.manifest["decoys"].append(e)
        return value

    # Decoys that go beside any secret: in headers and in the JSON body.
    def decoy_headers(self, f):
        g = self.g
        return {
            "X-Request-Id": self.decoy("uuid", g.uuid(), f),
            "Etag": '"' + self.decoy("etag", g.hex(32), f) + '"',
            "Traceparent": "00-" + self.decoy("trace-id", g.hex(32), f) + "-" + g.hex(16) + "-01",
            "Set-Cookie": "ARRAffinity=" + self.decoy("affinity-cookie", g.hex(64), f) + "; Path=/; HttpOnly; Secure",
        }

    def decoy_json(self, f):
        g = self.g
        return {
            "id": self.decoy("uuid", g.uuid(), f),
            "digest": "sha256:" + self.decoy("digest", g.hex(64), f),
            "customer": self.decoy("stripe-object-id", "cus_" + g.s(14), f),
            "payment_intent": self.decoy("stripe-object-id", "pi_" + g.s(24), f),
            "publishable_key": self.decoy("stripe-publishable-key", "pk_live_" + g.s(99), f),
            "nextPageToken": self.decoy("page-token", g.s(40, AL + "-_"), f),
            "trace_id": self.decoy("trace-id", g.hex(32), f),
        }


def build(out, seed, per_kind):
    g = Gen(seed)
    b = Bench(g)
    files = {}

    def add(kind, make):
        f = f"{kind}.yaml"
        items = [make(i, f) for i in range(per_kind)]
        files[f] = "---\nversion: 2\ninteractions:\n" + "\n".join(items) + "\n"

    def json_resp(i, f, obj, url="https://api.example.com/v1/items", headers=None, req_headers=None, method="GET"):
        obj = dict(obj)
        obj["meta"] = b.decoy_json(f)
        h = {"Content-Type": "application/json"}
        h.update(b.decoy_headers(f))
        h.update(headers or {})
        return interaction(i, method, url, req_headers, "", h, json.dumps(obj))

    # ---- AWS STS XML (AssumeRole, GetSessionToken)
    def sts(i, f):
        akid = b.secret("aws-sts-xml", "ASIA" + g.s(16, string.ascii_uppercase + string.digits), f)
        sk = b.secret("aws-sts-xml", g.s(40, B64), f)
        st = b.secret("aws-sts-xml", "IQoJb3JpZ2luX2VjE" + g.s(300, B64), f)
        ex_id = b.decoy("aws-doc-example", "AKIAIOSFODNN7EXAMPLE", f)
        action = "AssumeRole" if i % 2 == 0 else "GetSessionToken"
        body = (f'<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n  <{action}Result>\n'
                f"    <Credentials>\n      <AccessKeyId>{akid}</AccessKeyId>\n      <SecretAccessKey>{sk}</SecretAccessKey>\n"
                f"      <SessionToken>{st}</SessionToken>\n      <Expiration>2026-12-04T18:00:00Z</Expiration>\n"
                f"    </Credentials>\n  </{action}Result>\n  <ResponseMetadata>\n"
                f"    <RequestId>{b.decoy('uuid', g.uuid(), f)}</RequestId>\n  </ResponseMetadata>\n"
                f"  <!-- docs: {ex_id} -->\n</{action}Response>\n")
        h = {"Content-Type": "text/xml"}
        h.update(b.decoy_headers(f))
        return interaction(i, "POST", "https://sts.amazonaws.com/", {"Content-Type": "application/x-www-form-urlencoded"},
                           f"Action={action}&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fci",
                           h, body)
    add("aws-sts-xml", sts)

    # ---- provider formats, in a CI-variables listing (text) and in JSON prose
    providers = {
        "npm": lambda: "npm_" + g.s(36),
        "pypi": lambda: "pypi-AgEIcHlwaS5vcmc" + g.s(80, AL + "-_"),
        "docker": lambda: "dckr_pat_" + g.s(27, AL + "-_"),
        "digitalocean": lambda: "dop_v1_" + g.hex(64),
        "linear": lambda: "lin_api_" + g.s(40),
        "shopify": lambda: "shpat_" + g.hex(32),
        "mailgun": lambda: "key-" + g.hex(32),
        "databricks": lambda: "dapi" + g.hex(32),
        "postman": lambda: "PMAK-" + g.hex(24) + "-" + g.hex(34),
        "terraform": lambda: g.s(14) + ".atlasv1." + g.s(67),
        "vault-hvs": lambda: "hvs." + g.s(24) + g.s(66, AL + "_-"),
        "vault-hvb": lambda: "hvb." + g.s(130, AL + "_-"),
        "heroku": lambda: "HRKU-AA" + g.s(58, AL + "_-"),
        "grafana-glsa": lambda: "glsa_" + g.s(32) + "_" + g.hex(8),
        "grafana-glc": lambda: "glc_" + g.s(80, AL + "+/") + "==",
        "newrelic": lambda: "NRAK-" + g.s(27, string.ascii_uppercase + string.digits),
        "github": lambda: "ghp_" + g.s(36),
        "openai": lambda: "sk-proj-" + g.s(48, AL + "_-"),
        "slack": lambda: "xoxb-" + g.s(11, string.digits) + "-" + g.s(12, string.digits) + "-" + g.s(24),
        "deepseek": lambda: "sk-" + g.hex(32),
        "groq": lambda: "gsk_" + g.s(52),
        "sentry": lambda: "sntryu_" + g.hex(64),
        "doppler": lambda: "dp.st." + g.s(43),
        "planetscale": lambda: "pscale_tkn_" + g.s(43),
        "supabase": lambda: "sbp_" + g.hex(40),
        "figma": lambda: "figd_" + g.s(40, AL + "_-"),
        "notion": lambda: "ntn_" + g.s(46),
        "square": lambda: "sq0atp-" + g.s(22, AL + "_-"),
        "discord-webhook": lambda: "https://discord.com/api/webhooks/" + g.s(18, string.digits) + "/" + g.s(68, AL + "_-"),
        "brevo": lambda: "xkeysib-" + g.hex(64) + "-" + g.s(16),
        "mapbox": lambda: "sk.eyJ" + g.s(40, AL + "_-") + "." + g.s(22, AL + "_-"),
        "age": lambda: "AGE-SECRET-KEY-1" + g.s(58, string.ascii_uppercase + string.digits),
        "pulumi": lambda: "pul-" + g.hex(40),
        "alibaba": lambda: "LTAI" + g.s(20),
        "azure-ad": lambda: g.s(3) + g.s(1, string.digits) + "Q~" + g.s(34, AL + "_~.-"),
    }
    for name, make_value in providers.items():
        def prov(i, f, name=name, make_value=make_value):
            v = b.secret("provider-" + name, make_value(), f)
            if i % 2 == 0:
                text = (f"# CI variables for project {g.s(6)}\nBUILD_ID={g.uuid()}\nDEPLOY_CREDENTIAL={v}\n"
                        f"REGION=eu-west-1\n")
                h = {"Content-Type": "text/plain; charset=utf-8"}
                h.update(b.decoy_headers(f))
                return interaction(i, "GET", "https://ci.example.com/api/v4/projects/7/variables/export", None, "", h, text)
            return json_resp(i, f, {"description": f"rotate the deploy credential {v} before friday", "name": "deploy"})
        add("provider-" + name, prov)

    # ---- Vault: client_token (legacy s. form), AppRole secret_id
    def vault(i, f):
        tok = b.secret("vault-fields", "s." + g.s(24), f)
        sid = b.secret("vault-fields", g.uuid(), f)
        obj = {"request_id": b.decoy("uuid", g.uuid(), f), "auth": {"client_token": tok, "accessor": g.s(24),
               "policies": ["default"], "lease_duration": 2764800}, "data": {"secret_id": sid,
               "secret_id_ttl": 600}}
        return json_resp(i, f, obj, "https://vault.example.com:8200/v1/auth/approle/login", method="POST")
    add("vault-fields", vault)

    # ---- name/value sibling lists
    def siblings(i, f):
        sk = b.secret("name-value-siblings", g.s(40, B64), f)
        dd = b.secret("name-value-siblings", g.hex(32), f)
        pw = b.secret("name-value-siblings", g.password(), f)
        obj = {"variables": [{"key": "AWS_SECRET_ACCESS_KEY", "value": sk, "protected": True},
                             {"key": "AWS_REGION", "value": "eu-west-1"},
                             {"key": "BUILD_UUID", "value": b.decoy("uuid", g.uuid(), f)}],
               "containerDefinitions": [{"environment": [{"name": "DD_API_KEY", "value": dd},
                                                         {"name": "PAGE_SIZE", "value": "50"}]}],
               "Parameter": {"Name": "/prod/db/password", "Value": pw, "Type": "SecureString"}}
        return json_resp(i, f, obj)
    add("name-value-siblings", siblings)

    # ---- nested {"password":{"value":...}}
    def nested(i, f):
        pw = b.secret("nested-value", g.password(), f)
        key = b.secret("nested-value", g.s(32), f)
        obj = {"settings": {"password": {"value": pw, "type": "secure"}, "apiKey": {"value": key}},
               "pageSize": {"value": "25"}}
        return json_resp(i, f, obj)
    add("nested-value", nested)

    # ---- Datadog headers, any case
    def datadog(i, f):
        api = b.secret("datadog-headers", g.hex(32), f)
        app = b.secret("datadog-headers", g.hex(40), f)
        names = [("DD-API-KEY", "DD-APPLICATION-KEY"), ("Dd-Api-Key", "Dd-Application-Key"),
                 ("dd-api-key", "dd-application-key")][i % 3]
        req = {names[0]: api, names[1]: app, "Content-Type": "application/json"}
        return json_resp(i, f, {"status": "ok"}, "https://api.datadoghq.com/api/v1/validate", req_headers=req)
    add("datadog-headers", datadog)

    # ---- Azure: listKeys, connection strings, SAS sig
    def azure(i, f):
        k1 = b.secret("azure", g.b64(64), f)
        k2 = b.secret("azure", g.b64(64), f)
        ak = b.secret("azure", g.b64(64), f)
        sak = b.secret("azure", g.b64(32), f)
        sig = b.secret("azure", urllib.parse.quote(g.b64(32), safe=""), f)
        obj = {"keys": [{"keyName": "key1", "value": k1, "permissions": "FULL"},
                        {"keyName": "key2", "value": k2, "permissions": "FULL"}],
               "connectionString": f"DefaultEndpointsProtocol=https;AccountName=st{g.s(8).lower()};AccountKey={ak};EndpointSuffix=core.windows.net",
               "serviceBus": f"Endpoint=sb://ns{g.s(6).lower()}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={sak}",
               "sasUrl": f"https://st1.blob.core.windows.net/c/b.txt?sv=2021-08-06&se=2026-12-05T00%3A00%3A00Z&sr=b&sp=r&sig={sig}",
               "nextLink": "https://management.azure.com/subscriptions/x/providers/Microsoft.Storage/storageAccounts?api-version=2023-01-01&$skiptoken=" + b.decoy("page-token", g.s(60), f)}
        return json_resp(i, f, obj, "https://management.azure.com/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1/listKeys?api-version=2023-01-01&$skiptoken=" + b.decoy("page-token", g.s(60), f), method="POST")
    add("azure", azure)

    # ---- JSON serialised inside a JSON string
    def json_in_json(i, f):
        pw = b.secret("json-in-json", g.password(), f)
        tok = b.secret("json-in-json", g.s(40), f)
        inner = json.dumps({"username": "svc", "password": pw, "refresh_token": tok, "id": g.uuid()})
        return json_resp(i, f, {"event": "config.updated", "payload": inner})
    add("json-in-json", json_in_json)

    # ---- HTML-escaped JSON in a page
    def html(i, f):
        key = b.secret("html-escaped", g.s(32), f)
        pw = b.secret("html-escaped", g.password(), f)
        blob = json.dumps({"apiKey": key, "password": pw, "page": 2, "id": b.decoy("uuid", g.uuid(), f)})
        esc = blob.replace("&", "&amp;").replace('"', "&quot;")
        page = f'<!DOCTYPE html>\n<html><body>\n<div id="app" data-props="{esc}"></div>\n</body></html>\n'
        h = {"Content-Type": "text/html; charset=utf-8"}
        h.update(b.decoy_headers(f))
        return interaction(i, "GET", "https://dashboard.example.com/settings", None, "", h, page)
    add("html-escaped", html)

    # ---- a URL inside a URL (percent-encoded twice)
    def url_in_url(i, f):
        tok = b.secret("url-in-url", g.s(40), f)
        inner = f"https://app.example.com/cb?access_token={tok}&state={g.s(8)}"
        url = "https://auth.example.com/continue?next=" + urllib.parse.quote(inner, safe="") + "&page_token=" + b.decoy("page-token", g.s(30), f)
        return json_resp(i, f, {"ok": True}, url)
    add("url-in-url", url_in_url)

    # ---- Location: ...#access_token= (OAuth implicit grant)
    def location(i, f):
        tok = b.secret("location-fragment", g.s(43, AL + "-_"), f)
        idt = g.s(20)
        loc = f"https://app.example.com/callback#access_token={tok}&token_type=Bearer&expires_in=3600&state={idt}"
        h = {"Location": loc}
        h.update(b.decoy_headers(f))
        return interaction(i, "GET", "https://login.example.com/oauth2/authorize?response_type=token&client_id=" + g.uuid(), None, "", h, "")
    add("location-fragment", location)

    # ---- multipart/form-data fields
    def multipart(i, f):
        pw = b.secret("multipart", g.password(), f)
        cs = b.secret("multipart", g.s(40), f)
        bd = "----WebKitFormBoundary" + g.s(16)
        body = (f"--{bd}\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nana\r\n"
                f"--{bd}\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n{pw}\r\n"
                f"--{bd}\r\nContent-Disposition: form-data; name=\"client_secret\"\r\n\r\n{cs}\r\n"
                f"--{bd}\r\nContent-Disposition: form-data; name=\"request_id\"\r\n\r\n{b.decoy('uuid', g.uuid(), f)}\r\n--{bd}--\r\n")
        h = {"Content-Type": "application/json"}
        h.update(b.decoy_headers(f))
        return interaction(i, "POST", "https://api.example.com/login", {"Content-Type": f"multipart/form-data; boundary={bd}"},
                           body, h, json.dumps({"ok": True}))
    add("multipart", multipart)

    # ---- SOAP WS-Security
    def soap(i, f):
        pw = b.secret("xml-soap", g.password(), f)
        body = ('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
                'xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">'
                "<soapenv:Header><wsse:Security><wsse:UsernameToken><wsse:Username>svc-billing</wsse:Username>"
                '<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">'
                f"{pw}</wsse:Password><wsse:Nonce>{b.decoy('nonce', g.b64(16), f)}</wsse:Nonce></wsse:UsernameToken></wsse:Security></soapenv:Header>"
                "<soapenv:Body><GetInvoice><Id>42</Id></GetInvoice></soapenv:Body></soapenv:Envelope>")
        h = {"Content-Type": "text/xml; charset=utf-8"}
        h.update(b.decoy_headers(f))
        return interaction(i, "POST", "https://billing.example.com/ws", {"Content-Type": "text/xml; charset=utf-8", "Soapaction": "GetInvoice"},
                           body, h, "<ok/>")
    add("xml-soap", soap)

    # ---- Basic auth with the key as the user name
    def basic_user(i, f):
        key = ("rk_live_" if i % 2 else "sk_live_") + g.s(99)
        pair = base64.b64encode((key + ":").encode()).decode()
        b.secret("basic-auth-key-user", key, f, needle=pair)
        auth = "Basic " + pair
        return json_resp(i, f, {"object": "balance", "id": "txn_" + g.s(24)}, "https://api.stripe.com/v1/balance",
                         req_headers={"Authorization": auth})
    add("basic-auth-key-user", basic_user)

    # ---- base64 service-account JSON
    def sa(i, f):
        pk = "-----BEGIN PRIVATE KEY-----\n" + g.b64(600) + "\n-----END PRIVATE KEY-----\n"
        doc = json.dumps({"type": "service_account", "project_id": "proj-" + g.s(6).lower(),
                          "private_key_id": g.hex(40), "private_key": pk,
                          "client_email": "ci@proj.iam.gserviceaccount.com"}, indent=2)
        data = b.secret("gcp-sa-base64", base64.b64encode(doc.encode()).decode(), f)
        obj = {"name": "projects/p/serviceAccounts/ci@p.iam.gserviceaccount.com/keys/" + g.hex(40),
               "privateKeyType": "TYPE_GOOGLE_CREDENTIALS_FILE", "privateKeyData": data,
               "publicKey": "-----BEGIN PUBLIC KEY-----\n" + b.decoy("public-key", g.b64(270), f) + "\n-----END PUBLIC KEY-----"}
        return json_resp(i, f, obj, "https://iam.googleapis.com/v1/projects/p/serviceAccounts/ci/keys", method="POST")
    add("gcp-sa-base64", sa)

    # ---- a secret inside a multi-line body (literal block)
    def multiline(i, f):
        pw = b.secret("multi-line-body", g.password(), f)
        tok = b.secret("multi-line-body", "ghp_" + g.s(36), f)
        text = (f"# deploy config\nservice: billing\nreplicas: 3\ndb_password: {pw}\ngithub:\n  token: {tok}\n"
                f"build: {b.decoy('uuid', g.uuid(), f)}\n")
        h = {"Content-Type": "text/plain"}
        h.update(b.decoy_headers(f))
        return interaction(i, "GET", "https://config.example.com/billing.yaml", None, "", h, text, literal_body=True)
    add("multi-line-body", multiline)

    # ---- placeholders, page tokens and browser cookies alone (decoys only)
    def placeholders(i, f):
        p = [("client_secret", "1234567"), ("password", "changeme"), ("api_key", "<API_KEY>"),
             ("token", "${TOKEN}"), ("access_token", "{{token}}"), ("secret", "wer"), ("client_secret", "test-client_secret"),
             ("apiKey", "YOUR_API_KEY"), ("password", "hunter"), ("refresh_token", "refresh_token")]
        obj = {k + ("" if j == 0 else str(j)): v for j, (k, v) in enumerate(p)}
        for k, v in p:
            b.decoy("placeholder", v, f)
        obj["continuationToken"] = b.decoy("page-token", g.s(48, B64), f)
        obj["cursor"] = b.decoy("page-token", g.s(32), f)
        req = {"Cookie": "previewCols=" + b.decoy("browser-cookie", "url%20status%20size", f) +
               "; AWSALB=" + b.decoy("affinity-cookie", g.s(100, B64), f) +
               "; AWSALBCORS=" + b.decoy("affinity-cookie", g.s(100, B64), f) +
               "; _ga=" + b.decoy("browser-cookie", "GA1.2." + g.s(10, string.digits) + "." + g.s(10, string.digits), f),
               "X-Api-Key": "<API_KEY>"}
        obj["aws_secret_access_key"] = b.decoy("aws-doc-example", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", f)
        obj["ClientToken"] = b.decoy("uuid", g.uuid(), f)  # AWS idempotency token
        obj["idempotency_key"] = b.decoy("uuid", g.uuid(), f)
        obj["sha"] = b.decoy("digest", g.hex(40), f)  # a git commit
        obj["auth"] = {"client_token": b.decoy("placeholder", ["hvs.abc", "hvs.USERTOKEN", "hvs.test-token", "s.placeholder"][i % 4], f)}
        req["Authorization"] = ["Bearer <token>", "Bearer ${TOKEN}", "Basic dXNlcjpwYXNzd29yZA==", "Bearer foo"][i % 4]
        b.decoy("placeholder", req["Authorization"].split(" ", 1)[1], f)
        return json_resp(i, f, obj, "https://api.example.com/v1/list?pageToken=" + b.decoy("page-token", g.s(40), f),
                         req_headers=req)
    add("placeholders-and-tokens", placeholders)

    os.makedirs(out, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(out, name), "w") as fh:
            fh.write(text)
    with open(os.path.join(out, "manifest.json"), "w") as fh:
        json.dump(b.manifest, fh, indent=1)
    return b.manifest


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--per-kind", type=int, default=4)
    a = ap.parse_args()
    m = build(a.out, a.seed, a.per_kind)
    print(f"{len(m['secrets'])} secrets, {len(m['decoys'])} decoys in {a.out}")


if __name__ == "__main__":
    main()
