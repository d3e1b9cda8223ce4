#!/usr/bin/env python3
"""A real OAuth 2.0 authorization server (Authlib's AuthorizationServer with
its client-credentials grant and RFC 7523 client assertions) and an SMTP
server (aiosmtpd, recording like smtp_sink.py) that accepts an XOAUTH2 login
only with a live token that this server issued for that mailbox's client and
scope. For varsel's tests of `auth=xoauth2`.

Usage: oauth_server.py DIR [--client ID:SECRET:MAILBOX]... [--cert-client ID:CERT.pem:MAILBOX]...
           [--lifetime SECONDS] [--scope SCOPE] [--https CERT KEY]
           [--smtp-cert CERT --smtp-key KEY] [--refuse-basic] [--entra-errors]

Prints `PORT <smtp port> OAUTH <token endpoint port>` once both listen on
127.0.0.1; the token endpoint is `/token` (https with --https, else http).

  --client        a client with a secret (client_secret_post), allowed to send as MAILBOX;
  --cert-client   a client with a certificate: its assertion must be signed RS256 by the
                  certificate's key, name it by x5t and x5t#S256, and have aud = the
                  token endpoint, iss = sub = the client id, a jti never seen before, exp;
  --lifetime      expires_in of every token (default 3600);
  --refuse-basic  answer AUTH PLAIN/LOGIN with `550 5.7.30 Basic authentication is not
                  supported for Client Submission`, as Exchange Online does;
  --entra-errors  refusals carry Microsoft's AADSTS codes (7000215 wrong secret,
                  700016 unknown application) in error_description and error_codes.

DIR/tokens.jsonl gets one line per issued token (client_id, token, expires_in,
scope), DIR/requests.jsonl one per token request (client_id, status),
DIR/logins.jsonl one per XOAUTH2 login (accepted: true or false). The
SMTP server records messages as smtp_sink.py does (DIR/NNNN.json, `auth` is
"XOAUTH2:<mailbox>:<n>", n the token's line in tokens.jsonl). If DIR/refuse_login
holds N (default 1), the Nth XOAUTH2 login from then on is refused with
`535 5.7.3 Authentication unsuccessful` whatever the token, and the file is
removed.
"""

import base64
import hashlib
import hmac
import json
import os
import ssl
import sys
import threading
import time
import logging
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from smtp_sink import Recorder, free_port  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult  # noqa: E402
from authlib.common.security import generate_token  # noqa: E402
from authlib.oauth2 import AuthorizationServer  # noqa: E402
from authlib.oauth2.rfc6749 import ClientMixin, OAuth2Request, grants  # noqa: E402
from authlib.oauth2.rfc6749.errors import InvalidClientError  # noqa: E402
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload  # noqa: E402
from authlib.oauth2.rfc6750 import BearerTokenGenerator  # noqa: E402
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion  # noqa: E402
from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from joserfc.jwk import RSAKey  # noqa: E402

SCOPE = "https://outlook.office365.com/.default"

# aiosmtpd 1.4 logs a warning about its own Session.login_data at every login.
logging.getLogger("mail.log").setLevel(logging.ERROR)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Client(ClientMixin):
    def __init__(self, client_id, mailbox, secret=None, cert_path=None):
        self.client_id = client_id
        self.mailbox = mailbox
        self.secret = secret
        self.cert_der = None
        self.public_key = None
        if cert_path:
            with open(cert_path, "rb") as f:
                cert = x509.load_pem_x509_certificate(f.read())
            self.cert_der = cert.public_bytes(serialization.Encoding.DER)
            self.public_key = RSAKey.import_key(cert.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return scope if scope == SCOPE else None

    def check_redirect_uri(self, redirect_uri):
        return False

    def check_client_secret(self, client_secret):
        return self.secret is not None and hmac.compare_digest(client_secret, self.secret)

    def check_endpoint_auth_method(self, method, endpoint):
        if self.secret is not None:
            return method == "client_secret_post"
        return method == Assertion.CLIENT_AUTH_METHOD

    def check_response_type(self, response_type):
        return False

    def check_grant_type(self, grant_type):
        return grant_type == "client_credentials"


class Assertion(JWTBearerClientAssertion):
    """RFC 7523 client authentication, checking the certificate thumbprints too."""

    def __init__(self, token_url, clients):
        super().__init__()
        self.token_url_ = token_url
        self.clients = clients
        self.seen = set()

    def get_audiences(self):
        return [self.token_url_]

    def validate_jti(self, claims, jti):
        if jti in self.seen:
            return False
        self.seen.add(jti)
        return True

    def resolve_client_public_key(self, client):
        if client.public_key is None:
            raise InvalidClientError(description="The client has no certificate.")
        return client.public_key

    def extract_assertion(self, assertion):
        headers, claims = super().extract_assertion(assertion)
        client = self.clients.get(claims.get("sub"))
        if client is not None and client.cert_der is not None:
            der = client.cert_der
            if headers.get("alg") != "RS256" or headers.get("typ") != "JWT":
                raise InvalidClientError(description="alg must be RS256 and typ JWT.")
            if headers.get("x5t") != b64url(hashlib.sha1(der).digest()):
                raise InvalidClientError(description="x5t names another certificate.")
            if headers.get("x5t#S256") != b64url(hashlib.sha256(der).digest()):
                raise InvalidClientError(description="x5t#S256 names another certificate.")
            for claim in ("nbf", "jti", "iss"):
                if claim not in claims:
                    raise InvalidClientError(description="Missing claim: %r" % claim)
        return headers, claims


class ClientCredentials(grants.ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_post", Assertion.CLIENT_AUTH_METHOD]


class FormRequest(OAuth2Request):
    def __init__(self, uri, headers, form):
        super().__init__("POST", uri, headers=headers)
        self._form = form
        self.payload = BasicOAuth2Payload(form)

    @property
    def args(self):
        return {}

    @property
    def form(self):
        return self._form


class Server(AuthorizationServer):
    def __init__(self, directory, clients, lifetime, token_url):
        super().__init__(scopes_supported=[SCOPE])
        self.directory = directory
        self.clients = clients
        self.tokens = {}
        self.lock = threading.Lock()
        self.register_grant(ClientCredentials)
        self.register_token_generator("default", BearerTokenGenerator(
            lambda **kw: generate_token(48), expires_generator=lambda c, g: lifetime))
        self.register_client_auth_method(Assertion.CLIENT_AUTH_METHOD,
                                         Assertion(token_url, clients))

    def query_client(self, client_id):
        return self.clients.get(client_id)

    def save_token(self, token, request):
        with self.lock:
            number = len(self.tokens) + 1
            self.tokens[token["access_token"]] = {
                "client_id": request.client.client_id,
                "scope": token.get("scope"),
                "expires_at": time.time() + token["expires_in"],
                "number": number,
            }
            append(self.directory, "tokens.jsonl", {
                "client_id": request.client.client_id, "token": token["access_token"],
                "expires_in": token["expires_in"], "scope": token.get("scope")})

    def send_signal(self, name, *args, **kwargs):
        pass

    def create_oauth2_request(self, request):
        return request

    def create_json_request(self, request):
        raise NotImplementedError()

    def handle_response(self, status, body, headers):
        return status, body, headers


def append(directory, name, record):
    with open(os.path.join(directory, name), "a") as f:
        f.write(json.dumps(record) + "\n")


def entra_error(server, form, body):
    """Microsoft's shape of the common refusals (AADSTS codes)."""
    client = server.clients.get(form.get("client_id", ""))
    if client is None:
        code, text = 700016, ("Application with identifier '%s' was not found in the "
                              "directory 'Sykehuset'." % form.get("client_id", ""))
    elif client.secret is not None:
        code, text = 7000215, ("Invalid client secret provided. Ensure the secret being sent "
                               "in the request is the client secret value, not the client "
                               "secret ID, for a secret added to app '%s'." % client.client_id)
    else:
        return body
    return {"error": "invalid_client",
            "error_description": "AADSTS%d: %s\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333"
                                 "\r\nCorrelation ID: aaaa0000-bb11-2222-33cc-444444dddddd"
                                 "\r\nTimestamp: 2026-12-05 10:00:00Z" % (code, text),
            "error_codes": [code], "timestamp": "2026-12-05 10:00:00Z",
            "error_uri": "https://login.microsoftonline.com/error?code=%d" % code}


def http_handler(server, token_url, entra):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            form = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
            if self.path != "/token":
                self.reply(404, b"not found", "text/plain")
                return
            request = FormRequest(token_url, dict(self.headers), form)
            status, body, headers = server.create_token_response(request)
            if status != 200 and entra and isinstance(body, dict) \
                    and body.get("error") == "invalid_client":
                body = entra_error(server, form, body)
            append(server.directory, "requests.jsonl",
                   {"client_id": form.get("client_id"), "status": status})
            payload = json.dumps(body).encode() if isinstance(body, dict) else body
            self.reply(status, payload, "application/json", headers)

        def reply(self, status, payload, kind, headers=()):
            self.send_response(status)
            for name, value in headers:
                if name.lower() != "content-type":
                    self.send_header(name, value)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


class OAuthRecorder(Recorder):
    """Records like smtp_sink.py; logs in with XOAUTH2 and a live token only."""

    def __init__(self, directory, server, refuse_basic):
        super().__init__(directory)
        self.server = server
        self.refuse_basic = refuse_basic

    async def auth_XOAUTH2(self, smtp, args):
        result = await self.check_xoauth2(args)
        append(self.directory, "logins.jsonl", {"accepted": result.success})
        return result

    async def check_xoauth2(self, args):
        refused = AuthResult(success=False, handled=False,
                             message="535 5.7.3 Authentication unsuccessful")
        if len(args) < 2:
            return refused
        steering = os.path.join(self.directory, "refuse_login")
        if os.path.exists(steering):
            with open(steering) as f:
                left = int(f.read().strip() or "1")
            if left <= 1:
                os.remove(steering)
                return refused
            with open(steering, "w") as f:
                f.write(str(left - 1))
        try:
            fields = base64.b64decode(args[1]).decode().split("\x01")
        except ValueError:
            return refused
        user = next((f[5:] for f in fields if f.startswith("user=")), None)
        token = next((f[12:] for f in fields if f.startswith("auth=Bearer ")), None)
        with self.server.lock:
            issued = self.server.tokens.get(token)
        if issued is None or issued["expires_at"] <= time.time() or issued["scope"] != SCOPE:
            return refused
        client = self.server.clients[issued["client_id"]]
        if user != client.mailbox:
            return refused
        return AuthResult(success=True, auth_data="XOAUTH2:%s:%d" % (user, issued["number"]))

    async def auth_PLAIN(self, smtp, args):
        return await self.basic(smtp, args, "PLAIN")

    async def auth_LOGIN(self, smtp, args):
        return await self.basic(smtp, args, "LOGIN")

    async def basic(self, smtp, args, mechanism):
        return AuthResult(success=False, handled=False, message=(
            "550 5.7.30 Basic authentication is not supported for Client Submission."
            if self.refuse_basic else "535 5.7.3 Authentication unsuccessful"))


def option(args, name, count=1):
    if name not in args:
        return None
    at = args.index(name)
    values = args[at + 1:at + 1 + count]
    return values if count > 1 else values[0]


def main():
    directory = sys.argv[1]
    args = sys.argv[2:]
    clients = {}
    for i, arg in enumerate(args):
        if arg in ("--client", "--cert-client"):
            client_id, value, mailbox = args[i + 1].split(":", 2)
            clients[client_id] = (Client(client_id, mailbox, secret=value) if arg == "--client"
                                  else Client(client_id, mailbox, cert_path=value))
    lifetime = int(option(args, "--lifetime") or 3600)
    https = option(args, "--https", 2)
    http_port = free_port()
    scheme = "https" if https else "http"
    if not https:
        os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    token_url = "%s://127.0.0.1:%d/token" % (scheme, http_port)
    server = Server(directory, clients, lifetime, token_url)
    httpd = ThreadingHTTPServer(("127.0.0.1", http_port),
                                http_handler(server, token_url, "--entra-errors" in args))
    if https:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(https[0], https[1])
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    kwargs = {"auth_required": True, "auth_require_tls": True}
    smtp_cert = option(args, "--smtp-cert")
    if smtp_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(smtp_cert, option(args, "--smtp-key"))
        kwargs.update({"tls_context": context, "require_starttls": True})
    smtp_port = free_port()
    controller = Controller(OAuthRecorder(directory, server, "--refuse-basic" in args),
                            hostname="127.0.0.1", port=smtp_port, ready_timeout=10, **kwargs)
    controller.start()
    print("PORT %d OAUTH %d" % (smtp_port, http_port), flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()
        httpd.shutdown()


if __name__ == "__main__":
    main()
