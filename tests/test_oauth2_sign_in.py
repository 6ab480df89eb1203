"""`coffeechat auth outlook|gmail`, run as a user runs it, against local stand-ins for Microsoft and Google.

The stand-ins (tests/oauth2_provider.py) speak HTTPS as msal and authlib need; the Dovecot
here takes XOAUTH2 and asks a token-introspection endpoint about every token, so a login
succeeds only with an access token the stand-in issued for that user. The commands run in
their own process, as typed, reading the stand-in's certificate through REQUESTS_CA_BUNDLE.
"""

from __future__ import annotations

import json
import ssl
import stat
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from oauth2_provider import Provider, User, browser, finish, read_until


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[Provider]:
    stand_in = Provider(tmp_path_factory.mktemp("provider"))
    yield stand_in
    stand_in.close()


# --- Microsoft: the device-code flow ------------------------------------------------------------------------------

def test_outlook_sign_in_by_device_code_then_every_command_logs_in_with_it(oauth_dovecot, provider, introspection,
                                                                          tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    process = user.start("auth", "outlook")
    found, shown = read_until(process, r"enter the code (\w+) to authenticate")
    assert f"{provider.base}/devicelogin" in shown
    provider.enter_code(found.group(1), user.name)   # the user, at Microsoft's page on their phone
    code, out, err = finish(process, shown)

    assert (code, err) == (0, "")
    assert f"Sign in there as {user.name}. Waiting (Ctrl-C to give up)..." in out
    assert f"Signed in to Microsoft as {user.name}; the sign-in is kept in {user.sign_in_file}" in out
    assert "took it (XOAUTH2)" in out                # the command tried the login itself
    assert stat.S_IMODE(user.sign_in_file.stat().st_mode) == 0o600
    stored = user.sign_in_file.read_text()
    assert "good." in stored and "refresh-" in stored  # msal's cache: tokens, in a file only its owner reads

    code, out, err = user.run("check")
    assert (code, err) == (0, "")
    assert f"Login:  OAuth2 (XOAUTH2), a fresh token from the sign-in of `coffeechat auth outlook` for " \
           f"{user.name} at every connection" in out
    assert "Drafts: Drafts" in out
    # The access token is still fresh: the check used it without asking Microsoft again.
    assert provider.grants.count("refresh_token") == 0
    assert [t for t in introspection.seen if t.startswith(f"good.{user.name}.")][-1] in stored


def test_outlook_access_is_renewed_by_the_refresh_token_and_the_rotated_one_is_kept(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    provider.lifetime = 60                           # under msal's five minutes: every use renews it
    try:
        process = user.start("auth", "outlook")
        found, shown = read_until(process, r"enter the code (\w+)")
        provider.enter_code(found.group(1), user.name)
        assert finish(process, shown)[0] == 0
        before = refresh_tokens(user.sign_in_file)
        renewals = provider.grants.count("refresh_token")
        code, out, err = user.run("sync")
        assert (code, err) == (0, "")
        assert provider.grants.count("refresh_token") > renewals
        after = refresh_tokens(user.sign_in_file)
        assert after and after != before              # Microsoft rotated it; the new one was written back
        assert stat.S_IMODE(user.sign_in_file.stat().st_mode) == 0o600
    finally:
        provider.lifetime = 3600


def refresh_tokens(path: Path) -> set[str]:
    cache = json.loads(json.loads(path.read_text())["msal_cache"])
    return {entry["secret"] for entry in cache.get("RefreshToken", {}).values()}


def test_a_revoked_sign_in_is_one_line_naming_the_fix_and_no_token(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    provider.lifetime = 60
    try:
        process = user.start("auth", "outlook")
        found, shown = read_until(process, r"enter the code (\w+)")
        provider.enter_code(found.group(1), user.name)
        assert finish(process, shown)[0] == 0
        provider.revoke(user.name)                   # the user changed their password
        code, out, err = user.run("check")
    finally:
        provider.lifetime = 3600
    assert code == 1
    assert err == ("coffeechat: outlook refused to refresh the OAuth2 sign-in (invalid_grant): it was revoked or has "
                   "expired; run `coffeechat auth outlook` again\n")
    assert "good." not in err and "refresh-" not in err


def test_a_client_id_microsoft_does_not_know_is_refused_before_anything_is_stored(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    user.write(COFFEECHAT_IMAP_PASSWORD="", COFFEECHAT_OAUTH2_CLIENT_ID="not-registered",
               COFFEECHAT_OAUTH2_AUTHORITY=provider.microsoft)
    code, out, err = user.run("auth", "outlook")
    assert code == 2
    assert err.startswith("coffeechat: Microsoft would not start the sign-in (unauthorized_client: AADSTS700016: "
                          "Application with identifier was not found in the directory.): check "
                          "COFFEECHAT_OAUTH2_CLIENT_ID")
    assert not user.sign_in_file.exists()


def test_auth_without_a_client_id_says_where_to_get_one(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    user.write(COFFEECHAT_IMAP_PASSWORD="")
    code, out, err = user.run("auth", "outlook")
    assert (code, out) == (2, "")
    assert err == ("coffeechat: COFFEECHAT_OAUTH2_CLIENT_ID is missing: register coffeechat with Microsoft and set "
                   "the client ID it gives you (README: OAuth2 with outlook)\n")


def test_without_a_sign_in_the_other_commands_name_every_way_to_log_in(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    code, out, err = user.run("check")
    assert code == 2
    assert "or sign in with `coffeechat auth gmail` or `coffeechat auth outlook`" in err


# --- Google: the loopback flow ------------------------------------------------------------------------------------

def test_gmail_sign_in_through_the_browser_redirect_then_sync_logs_in_with_it(oauth_dovecot, provider, introspection,
                                                                             tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "gmail")
    process = user.start("auth", "gmail")
    found, shown = read_until(process, r"^\s+(https://\S+)$")
    url = found.group(1)
    assert url.startswith(f"{provider.google}/auth?") and "code_challenge_method=S256" in url
    assert "redirect_uri=http%3A%2F%2F127.0.0.1%3A" in url
    page = browser(url, provider.cert)               # sign in, consent, and back to coffeechat
    assert "Signed in. You can close this tab" in page
    code, out, err = finish(process, shown)

    assert (code, err) == (0, "")
    assert f"Signed in to Google as {user.name}" in out and "took it (XOAUTH2)" in out
    record = json.loads(user.sign_in_file.read_text())
    assert record["provider"] == "gmail" and record["refresh_token"].startswith("refresh-")
    assert stat.S_IMODE(user.sign_in_file.stat().st_mode) == 0o600

    code, out, err = user.run("sync")
    assert (code, err) == (0, "")
    assert provider.grants.count("authorization_code") >= 1


def test_gmail_answer_pasted_from_a_browser_on_another_machine(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "gmail")
    process = user.start("auth", "gmail", "--no-browser", stdin=subprocess.PIPE)
    found, shown = read_until(process, r"^\s+(https://\S+)$")
    # The browser is elsewhere: Google's redirect to 127.0.0.1 goes nowhere; the user copies the address.
    request = urllib.request.Request(found.group(1))
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(
        context=ssl.create_default_context(cafile=str(provider.cert))))
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=10)
    address = redirect.value.headers["Location"]
    assert process.stdin is not None
    process.stdin.write(address + "\n")
    process.stdin.flush()
    code, out, err = finish(process, shown)
    assert (code, err) == (0, "")
    assert f"Signed in to Google as {user.name}" in out


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object) -> None:
        return None


def test_gmail_access_renewed_and_a_cancelled_consent_stores_nothing(oauth_dovecot, provider, tmp_path):
    user = User(oauth_dovecot, provider, tmp_path, "gmail")
    provider.deny = True
    try:
        process = user.start("auth", "gmail")
        found, shown = read_until(process, r"^\s+(https://\S+)$")
        assert "Not signed in: access_denied" in browser(found.group(1), provider.cert)
        code, out, err = finish(process, shown)
    finally:
        provider.deny = False
    assert code == 2
    assert err == "coffeechat: Google did not sign you in (access_denied): run `coffeechat auth gmail` again\n"
    assert not user.sign_in_file.exists()

    provider.lifetime = 60
    try:
        process = user.start("auth", "gmail")
        found, shown = read_until(process, r"^\s+(https://\S+)$")
        browser(found.group(1), provider.cert)
        assert finish(process, shown)[0] == 0
        first = json.loads(user.sign_in_file.read_text())
        renewals = provider.grants.count("refresh_token")
        assert user.run("check")[0] == 0
        assert provider.grants.count("refresh_token") == renewals + 1
        again = json.loads(user.sign_in_file.read_text())
        # Google kept its refresh token; the new access token and its expiry were written back.
        assert again["refresh_token"] == first["refresh_token"] and again["access_token"] != first["access_token"]
    finally:
        provider.lifetime = 3600
