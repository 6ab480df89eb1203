"""TLS for both edges that talk to servers (IMAP, and SMTP for the summary): one context, one wording.

Certificates are always verified and host names checked. The context is made once per CA
file: loading the system's CA store takes ~20 ms, which every cycle of the daemon would
pay again; `forget()` (SIGHUP) makes it anew, so a CA file replaced in place is read again.
"""

from __future__ import annotations

import functools
import ssl

# OpenSSL's X509_V_ERR_HOSTNAME_MISMATCH and X509_V_ERR_IP_ADDRESS_MISMATCH: a valid certificate, another name.
NAME_MISMATCH = (62, 64)


@functools.lru_cache(maxsize=4)
def context(ca_file: str | None) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file)


def forget() -> None:
    context.cache_clear()


def certificate_problem(error: ssl.SSLCertVerificationError, where: str, prefix: str) -> str:
    """What is wrong with a server's certificate, naming COFFEECHAT_<prefix>_HOST or _CA_FILE to look at."""
    why = (error.verify_message or "").rstrip(".")
    if error.verify_code in NAME_MISMATCH:
        return f"the TLS certificate of {where} is for another name ({why}): check COFFEECHAT_{prefix}_HOST"
    return (f"the TLS certificate of {where} could not be verified ({why}); "
            f"if your server uses a private CA, set COFFEECHAT_{prefix}_CA_FILE")
