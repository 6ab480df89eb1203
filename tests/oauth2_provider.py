"""Local stand-ins for what the tests' OAuth2 logins talk to, each a few lines of http.server.

- Introspection: RFC 7662 token introspection, which Dovecot's own oauth2 passdb asks about
  every token; active for "good.<user>.<anything>" and for nothing else.
- Provider: Microsoft's and Google's sign-in endpoints as msal and authlib use them, over
  HTTPS with a certificate for localhost (the libraries refuse plain http): OpenID discovery,
  Microsoft's device-code flow, Google's authorization-code flow with PKCE, and refresh.
  Access tokens it issues are "good.<user>.<n>", so the Dovecot above takes them; it can
  revoke a refresh token, as a user does by changing their password.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import os
import re
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from daemon import localmail


class Introspection:
    """RFC 7662-style token introspection, as Dovecot's `introspection_mode = post` asks it."""

    def __init__(self) -> None:
        self.seen: list[str] = []  # every token asked about, in order
        seen = self.seen

        class Handler(_Handler):
            def do_POST(self) -> None:
                token = self.form().get("token", "")
                seen.append(token)
                parts = token.split(".")
                if len(parts) == 3 and parts[0] == "good":
                    self.answer(200, {"active": True, "username": parts[1]})
                else:
                    self.answer(401, {"active": False})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/introspect"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Provider:
    """Microsoft under /common (a tenant, as msal builds its paths), Google under /google."""

    def __init__(self, root: Path, client_id: str = "test-client", client_secret: str = "test-secret",
                 lifetime: int = 3600) -> None:
        self.cert = localmail._make_certificate(root)  # for localhost: the address below must say localhost
        self.client_id, self.client_secret, self.lifetime = client_id, client_secret, lifetime
        self.numbers = itertools.count(1)
        self.devices: dict[str, dict] = {}       # device_code -> {user_code, user (once approved)}
        self.codes: dict[str, dict] = {}         # Google authorization code -> {user, challenge, redirect_uri}
        self.refresh_tokens: dict[str, str] = {} # refresh token -> user; a revoked one is removed
        self.grants: list[str] = []              # every grant_type asked for at a token endpoint, in order
        self.deny = False                        # Google: the user clicks "Cancel"
        provider = self

        class Handler(_Handler):
            def do_GET(self) -> None:
                provider.get(self)

            def do_POST(self) -> None:
                provider.post(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, root / "key.pem")
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.base = f"https://localhost:{self.server.server_port}"
        self.microsoft = f"{self.base}/common"
        self.google = f"{self.base}/google"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- What a person does in the browser --------------------------------------------------------------------

    def enter_code(self, user_code: str, user: str) -> None:
        """The user types the code at Microsoft's page and signs in as `user`."""
        for device in self.devices.values():
            if device["user_code"] == user_code:
                device["user"] = user
                return
        raise AssertionError(f"no device sign-in with the code {user_code}")

    def revoke(self, user: str) -> None:
        for token, owner in list(self.refresh_tokens.items()):
            if owner == user:
                del self.refresh_tokens[token]

    # --- The endpoints ----------------------------------------------------------------------------------------

    def get(self, request: _Handler) -> None:
        path, query = request.split()
        if path == "/common/v2.0/.well-known/openid-configuration":
            m = self.microsoft
            request.answer(200, {"issuer": f"{m}/v2.0", "authorization_endpoint": f"{m}/oauth2/v2.0/authorize",
                                 "token_endpoint": f"{m}/oauth2/v2.0/token",
                                 "device_authorization_endpoint": f"{m}/oauth2/v2.0/devicecode"})
        elif path == "/google/.well-known/openid-configuration":
            request.answer(200, {"issuer": self.google, "authorization_endpoint": f"{self.google}/auth",
                                 "token_endpoint": f"{self.google}/token"})
        elif path == "/google/auth":
            self._authorize(request, query)
        else:
            request.answer(404, {"error": "not_found"})

    def post(self, request: _Handler) -> None:
        path, _ = request.split()
        form = request.form()
        if path == "/common/oauth2/v2.0/devicecode":
            if form.get("client_id") != self.client_id:
                request.answer(400, {"error": "unauthorized_client", "error_description":
                                     "AADSTS700016: Application with identifier was not found in the directory."})
                return
            number = next(self.numbers)
            user_code = f"CODE{number:04d}"
            self.devices[f"device-{number}"] = {"user_code": user_code, "scope": form.get("scope", "")}
            request.answer(200, {"user_code": user_code, "device_code": f"device-{number}",
                                 "verification_uri": f"{self.base}/devicelogin", "expires_in": 900, "interval": 1,
                                 "message": f"To sign in, use a web browser to open the page {self.base}/devicelogin "
                                            f"and enter the code {user_code} to authenticate."})
        elif path in ("/common/oauth2/v2.0/token", "/google/token"):
            self._token(request, form, microsoft=path.startswith("/common"))
        else:
            request.answer(404, {"error": "not_found"})

    def _authorize(self, request: _Handler, query: dict[str, str]) -> None:
        """Google's consent page, already clicked through: straight back to the app's redirect address."""
        redirect = query["redirect_uri"]
        if self.deny:
            answer = {"error": "access_denied", "state": query.get("state", "")}
        else:
            assert query.get("code_challenge_method") == "S256" and query.get("access_type") == "offline"
            code = f"code-{next(self.numbers)}"
            self.codes[code] = {"user": query["login_hint"], "challenge": query["code_challenge"],
                                "redirect_uri": redirect, "client_id": query["client_id"]}
            answer = {"code": code, "state": query["state"], "scope": query["scope"]}
        request.send_response(302)
        request.send_header("Location", f"{redirect}?{urllib.parse.urlencode(answer)}")
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _token(self, request: _Handler, form: dict[str, str], microsoft: bool) -> None:
        grant = form.get("grant_type", "")
        self.grants.append(grant)
        client_id, secret = request.client(form)
        if client_id != self.client_id or (not microsoft and secret != self.client_secret):
            request.answer(401, {"error": "invalid_client"})
            return
        user = None
        if grant == "urn:ietf:params:oauth:grant-type:device_code":
            device = self.devices.get(form.get("device_code", ""))
            if device is None:
                request.answer(400, {"error": "expired_token"})
                return
            if "user" not in device:
                request.answer(400, {"error": "authorization_pending", "error_description":
                                     "AADSTS70016: OAuth 2.0 device flow error. Authorization is pending."})
                return
            user = device.pop("user")
            form["scope"] = device["scope"]  # what the device sign-in asked for is what the token covers
        elif grant == "authorization_code":
            code = self.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if code is None or code["challenge"] != challenge or code["redirect_uri"] != form.get("redirect_uri"):
                request.answer(400, {"error": "invalid_grant", "error_description": "Bad Request"})
                return
            user = code["user"]
        elif grant == "refresh_token":
            user = self.refresh_tokens.get(form.get("refresh_token", ""))
            if user is None:
                request.answer(400, {"error": "invalid_grant", "error_description":
                                     "AADSTS70008: The refresh token has expired due to inactivity."
                                     if microsoft else "Token has been expired or revoked."})
                return
        else:
            request.answer(400, {"error": "unsupported_grant_type"})
            return
        request.answer(200, self._tokens(user, form, microsoft, rotate=microsoft or grant != "refresh_token"))

    def _tokens(self, user: str, form: dict[str, str], microsoft: bool, rotate: bool) -> dict:
        number = next(self.numbers)
        # As Microsoft does, the scope answered leaves out the reserved ones (offline_access, openid, profile).
        scope = " ".join(s for s in form.get("scope", "").split() if s not in ("offline_access", "openid", "profile"))
        tokens = {"token_type": "Bearer", "access_token": f"good.{user}.{number}", "expires_in": self.lifetime,
                  "scope": scope}
        if rotate:  # Microsoft sends a new refresh token every time; Google only at the first sign-in
            tokens["refresh_token"] = f"refresh-{number}"
            self.refresh_tokens[tokens["refresh_token"]] = user
        if microsoft:
            now = int(time.time())
            claims = {"aud": self.client_id, "iss": f"{self.microsoft}/v2.0", "iat": now, "exp": now + 3600,
                      "preferred_username": user, "oid": f"oid-{user}", "tid": "tenant", "sub": f"sub-{user}"}
            tokens["id_token"] = ".".join(_b64(part) for part in ({"alg": "none"}, claims)) + "."
            tokens["client_info"] = _b64({"uid": f"oid-{user}", "utid": "tenant"})
        return tokens


def _b64(document: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(document).encode()).rstrip(b"=").decode()


class _Handler(BaseHTTPRequestHandler):
    def split(self) -> tuple[str, dict[str, str]]:
        parts = urllib.parse.urlsplit(self.path)
        return parts.path, dict(urllib.parse.parse_qsl(parts.query))

    def form(self) -> dict[str, str]:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        return dict(urllib.parse.parse_qsl(body))

    def client(self, form: dict[str, str]) -> tuple[str, str]:
        """The client ID and secret, from HTTP Basic (authlib's default) or the form (msal's way)."""
        basic = self.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
            return urllib.parse.unquote(client_id), urllib.parse.unquote(secret)
        return form.get("client_id", ""), form.get("client_secret", "")

    def answer(self, status: int, document: dict) -> None:
        out = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args: object) -> None:
        pass


# --- The user's side: the command in its own process, and a browser -------------------------------------------

_users = itertools.count(1)


class User:
    """A fresh IMAP user, an env file without a password, and `python -m daemon` in its own process."""

    def __init__(self, server: localmail.LocalMail, provider: Provider, tmp_path: Path, which: str,
                 **settings: str) -> None:
        from conftest import TestMailbox

        self.mailbox = TestMailbox(server, f"signin{next(_users)}", tmp_path / "coffeechat.sqlite3")
        self.provider = provider
        self.env_file = tmp_path / "coffeechat.env"
        self.sign_in_file = tmp_path / "oauth2-sign-in.json"
        values = {"COFFEECHAT_IMAP_PASSWORD": "", "COFFEECHAT_OAUTH2_CLIENT_ID": provider.client_id,
                  "COFFEECHAT_OAUTH2_AUTHORITY": provider.microsoft if which == "outlook" else provider.google}
        if which == "gmail":
            values["COFFEECHAT_OAUTH2_CLIENT_SECRET"] = provider.client_secret
        values.update(settings)
        self.write(**values)

    @property
    def name(self) -> str:
        return self.mailbox.user

    def write(self, **changes: str) -> None:
        values = self.mailbox.values()
        values.update(changes)
        self.env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items() if v != ""))

    def start(self, *args: str, stdin: int = subprocess.DEVNULL) -> subprocess.Popen[str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("COFFEECHAT_")}
        env.update(REQUESTS_CA_BUNDLE=str(self.provider.cert), PYTHONUNBUFFERED="1")
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.Popen([sys.executable, "-m", "daemon", *args, "--env-file", str(self.env_file)],
                                stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    def run(self, *args: str, timeout: float = 60) -> tuple[int, str, str]:
        process = self.start(*args)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"`coffeechat {' '.join(args)}` did not finish in {timeout} s:\n{out}{err}") from None
        return process.returncode, out, err


def read_until(process: subprocess.Popen[str], pattern: str) -> tuple[re.Match[str], str]:
    seen = ""
    assert process.stdout is not None
    for line in process.stdout:
        seen += line
        found = re.search(pattern, line)
        if found:
            return found, seen
    raise AssertionError(f"the command never printed {pattern!r}; it printed:\n{seen}{process.stderr.read()}")


def finish(process: subprocess.Popen[str], before: str, timeout: float = 60) -> tuple[int, str, str]:
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"the command was still running after {timeout} s:\n{before}"
                             f"{process.stdout.read()}{process.stderr.read()}") from None
    assert process.stdout is not None and process.stderr is not None
    return process.returncode, before + process.stdout.read(), process.stderr.read()


def browser(url: str, cert: Path) -> str:
    """A browser: opens Google's page (consent already given), follows the redirect to coffeechat's listener."""
    import ssl
    import urllib.request

    context = ssl.create_default_context(cafile=str(cert))
    with urllib.request.urlopen(url, context=context, timeout=10) as page:
        return page.read().decode()
