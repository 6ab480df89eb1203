"""The providers' OAuth2 flows, with their libraries: msal for Microsoft, authlib for Google.

Loaded only by daemon/oauth2.py, when signing in or refreshing, so the commands that only
read the contact log never import them. What each returns is the record oauth2.py stores.
"""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import selectors
import sys
import time
import urllib.parse
import webbrowser
from collections.abc import Callable
from typing import IO

import msal
import requests
from authlib.common.errors import AuthlibBaseError
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session

from daemon.errors import MailboxError, PasswordCommandError
from daemon.oauth2 import HTTP_SECONDS, App, SignInError, refused

# What a provider answers when only a new sign-in helps (revoked, expired, password changed, consent withdrawn).
REFUSALS = ("invalid_grant", "interaction_required", "invalid_client", "unauthorized_client")

# --- Microsoft: the device-code flow ------------------------------------------------------------------------------


def device_code(app: App, scopes: tuple[str, ...], user: str, say: Callable[[str], None], timeout: float) -> dict:
    """Microsoft's device flow: print where to go and the code, wait for the user to finish there."""
    cache = msal.SerializableTokenCache()
    client = _msal(app, cache)
    flow = client.initiate_device_flow(scopes=list(scopes))
    if "user_code" not in flow:
        raise SignInError(f"Microsoft would not start the sign-in ({_words(flow)}): check {_client_id_hint(app)}")
    say(f"{flow['message']}\nSign in there as {user}. Waiting (Ctrl-C to give up)...")
    flow["expires_at"] = min(flow.get("expires_at", time.time() + timeout), time.time() + timeout)
    result = client.acquire_token_by_device_flow(flow)
    if "access_token" not in result:
        raise SignInError(f"the sign-in did not finish ({_words(result)}): run `coffeechat auth outlook` again")
    account = (result.get("id_token_claims") or {}).get("preferred_username") or user
    return {"account": account, "msal_cache": cache.serialize()}


def _msal(app: App, cache: msal.SerializableTokenCache) -> msal.PublicClientApplication:
    # instance_discovery off: it only asks Microsoft whether an authority it does not know is real;
    # the authority is Microsoft's own unless the user set COFFEECHAT_OAUTH2_AUTHORITY (a national cloud).
    try:
        return msal.PublicClientApplication(app.client_id, authority=app.where, token_cache=cache,
                                            instance_discovery=False, timeout=HTTP_SECONDS)
    except ValueError:  # msal's word for an authority that does not describe itself (a 404, a typo)
        raise PasswordCommandError(f"{app.where} does not answer as a Microsoft sign-in authority: check "
                                   "COFFEECHAT_OAUTH2_AUTHORITY (or leave it unset)") from None


# --- Google: the loopback flow ------------------------------------------------------------------------------------

def loopback(app: App, scopes: tuple[str, ...], user: str, say: Callable[[str], None], answers: IO[str] | None,
             browser: bool, timeout: float) -> dict:
    """Google's flow for installed apps: a browser signs in and is sent back to a one-shot listener on
    127.0.0.1; PKCE binds the answer to this run, the state to this request."""
    endpoints = _discover(app)
    listener = _Listener()
    try:
        session = _google(app, redirect_uri=f"http://127.0.0.1:{listener.port}/", scope=" ".join(scopes),
                          code_challenge_method="S256")
        verifier = generate_token(64)
        url, state = session.create_authorization_url(
            endpoints["authorization_endpoint"], code_verifier=verifier,
            access_type="offline", prompt="consent", login_hint=user)  # offline + consent: a refresh token, always
        say(f"Open this page in a browser and sign in as {user}:\n\n  {url}\n\n"
            "If that browser is on another machine, it ends on a page that cannot be reached: copy that "
            "page's address from the address bar and paste it here.\nWaiting (Ctrl-C to give up)...")
        if browser and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform == "darwin"):
            webbrowser.open(url)
        answer = listener.wait(answers, time.time() + timeout, state, say)
    finally:
        listener.close()
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(answer).query)
    if "error" in query:
        raise SignInError(f"Google did not sign you in ({query['error'][0]}): run `coffeechat auth gmail` again")
    try:
        token = session.fetch_token(endpoints["token_endpoint"], authorization_response=answer, state=state,
                                    code_verifier=verifier)
    except AuthlibBaseError as e:
        raise SignInError(f"Google refused the sign-in ({e.error}): check {_client_id_hint(app)} and "
                          "run `coffeechat auth gmail` again") from None
    if not token.get("refresh_token"):
        raise SignInError("Google gave no refresh token: remove coffeechat's access at myaccount.google.com > "
                          "Security > Third-party apps, then run `coffeechat auth gmail` again")
    return {"account": user, "token_endpoint": endpoints["token_endpoint"], "refresh_token": token["refresh_token"],
            "access_token": token["access_token"], "expires_at": _expires_at(token)}


def _discover(app: App) -> dict:
    response = requests.get(f"{app.where.rstrip('/')}/.well-known/openid-configuration", timeout=HTTP_SECONDS)
    response.raise_for_status()
    try:
        endpoints = response.json()
        return {k: str(endpoints[k]) for k in ("authorization_endpoint", "token_endpoint")}
    except (ValueError, KeyError, TypeError):
        raise SignInError(f"{app.where} does not describe its sign-in endpoints: check "
                          "COFFEECHAT_OAUTH2_AUTHORITY") from None


def _google(app: App, **kwargs: object) -> OAuth2Session:
    return OAuth2Session(app.client_id, app.client_secret, default_timeout=HTTP_SECONDS, **kwargs)


class _Listener:
    """Takes the one redirect on 127.0.0.1 that carries this run's state, or a pasted address (or bare code).

    A browser may ask for a favicon first, or open a connection it never uses; another program
    may send a stale or forged answer: none of these ends the wait.
    """

    def __init__(self) -> None:
        self.answer = ""
        self.state = ""
        listener = self

        class Redirect(http.server.BaseHTTPRequestHandler):
            timeout = 5  # a connection that sends nothing is dropped, so the real redirect gets through

            def do_GET(self) -> None:
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                if query.get("state", [""])[0] != listener.state or not ("code" in query or "error" in query):
                    self.send_error(404 if "state" not in query else 400)
                    return
                listener.answer = f"http://127.0.0.1:{listener.port}{self.path}"
                words = ("Signed in" if "code" in query else f"Not signed in: {query['error'][0]}")
                page = (f"<!doctype html><meta charset=utf-8><title>coffeechat</title><p>{html.escape(words)}. "
                        "You can close this tab and go back to the terminal.</p>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args: object) -> None:
                pass  # the address holds the one-time code: never logged

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
        self.port = self.server.server_port

    def wait(self, answers: IO[str] | None, deadline: float, state: str, say: Callable[[str], None]) -> str:
        self.state = state
        with selectors.SelectSelector() as waiting:  # select(), not epoll: stdin may be a file or /dev/null
            waiting.register(self.server, selectors.EVENT_READ)
            if answers is not None:
                waiting.register(answers, selectors.EVENT_READ)
            while (left := deadline - time.time()) > 0:
                for key, _ in waiting.select(left):
                    if key.fileobj is self.server:
                        self.server.handle_request()
                        if self.answer:
                            return self.answer
                        continue
                    read = answers.readline() if answers is not None else ""
                    line = read.strip()
                    if not read:
                        waiting.unregister(key.fileobj)  # end of input: only the browser can answer now
                    elif line:
                        pasted = self.pasted(line)
                        if pasted:
                            return pasted
                        say("That is not the answer to this sign-in (it may be from an earlier one): paste the "
                            "address the browser ended on after this one, or just its code.")
        raise SignInError("no answer from the browser in time: run `coffeechat auth gmail` again")

    def pasted(self, line: str) -> str:
        """The pasted address as this run's answer, or a bare code made into one; "" when it is another run's."""
        if "=" not in line and "/" in line or re.fullmatch(r"[\w/.-]{10,}", line):
            query = urllib.parse.urlencode({"code": line, "state": self.state})  # just the code, copied alone
            return f"http://127.0.0.1:{self.port}/?{query}"
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(line).query)
        if query.get("state", [""])[0] != self.state or not ("code" in query or "error" in query):
            return ""
        return f"http://127.0.0.1:{self.port}/?{urllib.parse.urlsplit(line).query}"

    def close(self) -> None:
        self.server.server_close()


# --- Refreshing ---------------------------------------------------------------------------------------------------

def refreshed(app: App, scopes: tuple[str, ...], record: dict, fresh_until: float) -> tuple[str, bool]:
    """(an access token good past fresh_until, whether the record changed and must be written back)."""
    try:  # a record edited or damaged by hand is unreadable, not an outage
        if app.provider == "outlook":
            json.loads(record.get("msal_cache") or "{}")
        else:
            float(record.get("expires_at") or 0), str(record["token_endpoint"]), str(record["refresh_token"])
    except (ValueError, TypeError, KeyError):
        raise PasswordCommandError("the stored OAuth2 sign-in cannot be read: run `coffeechat auth` again") from None
    try:
        return _refreshed(app, scopes, record, fresh_until)
    except ValueError:  # what a provider's garbled answer (an error page, not JSON) raises in the libraries
        raise MailboxError(f"{app.where} gave an answer that is not OAuth2 while renewing the sign-in: "
                           "coffeechat tries again") from None


def _refreshed(app: App, scopes: tuple[str, ...], record: dict, fresh_until: float) -> tuple[str, bool]:
    if app.provider == "outlook":
        cache = msal.SerializableTokenCache()
        cache.deserialize(record.get("msal_cache") or "{}")
        client = _msal(app, cache)
        accounts = client.get_accounts(username=record.get("account")) or client.get_accounts()
        if not accounts:
            raise refused("outlook", "the stored sign-in holds no account")
        # msal keeps the access token until five minutes before it expires, then uses the refresh token.
        try:
            result = client.acquire_token_silent_with_error(list(scopes), account=accounts[0])
        except msal.exceptions.MsalServiceError as e:  # a 5xx from Microsoft: an outage, not a refusal
            said = getattr(e, "error", "") or "server error"
            raise MailboxError(f"Microsoft could not renew the sign-in just now ({said})") from None
        if not result or "access_token" not in result:
            error = (result or {}).get("error") or "no token"
            if error in REFUSALS or not result:
                raise refused("outlook", error)
            raise MailboxError(f"Microsoft could not renew the sign-in just now ({_words(result)})")
        changed = cache.has_state_changed  # (serialize() clears it)
        if changed:
            record["msal_cache"] = cache.serialize()
        return result["access_token"], changed
    if record.get("access_token") and float(record.get("expires_at") or 0) > fresh_until:
        return record["access_token"], False
    try:
        token = _google(app).refresh_token(record["token_endpoint"], refresh_token=record["refresh_token"])
    except KeyError:
        raise refused("gmail", "the stored sign-in holds no refresh token") from None
    except AuthlibBaseError as e:
        if e.error in REFUSALS:
            raise refused("gmail", e.error) from None
        raise MailboxError(f"Google could not renew the sign-in just now ({e.error})") from None
    record.update(access_token=token["access_token"], expires_at=_expires_at(token))
    record["refresh_token"] = token.get("refresh_token") or record["refresh_token"]  # Google rarely rotates it
    return token["access_token"], True


def _expires_at(token: dict) -> float:
    if token.get("expires_at"):
        return float(token["expires_at"])
    return time.time() + float(token.get("expires_in") or 3600)


def _words(answer: dict) -> str:
    """The provider's error in one short line (Microsoft's descriptions run on with trace IDs)."""
    description = str(answer.get("error_description") or "").split("\n")[0].split(" Trace ID")[0]
    return ": ".join(p for p in (str(answer.get("error") or "no answer"), description[:160]) if p)


def _client_id_hint(app: App) -> str:
    return ("COFFEECHAT_OAUTH2_CLIENT_ID (README: the app registration, with public client flows allowed)"
            if app.provider == "outlook" else
            "COFFEECHAT_OAUTH2_CLIENT_ID and COFFEECHAT_OAUTH2_CLIENT_SECRET (README: a Desktop app OAuth client)")
