"""The few ways coffeechat can fail, one exception per edge, each turned into a one-line message by the CLI."""


class CoffeechatError(Exception):
    """Something the user should be told about in one line."""

    exit_code = 1


class SettingsError(CoffeechatError):
    """A setting is missing or has a value we cannot use; the message names it and the fix."""

    exit_code = 2


class UsageError(CoffeechatError):
    """A command's argument names nothing (or too much): the message names the candidates."""

    exit_code = 2


class PasswordCommandError(SettingsError):
    """A password or token command failed, hung or printed nothing, or the stored OAuth2 sign-in cannot be
    read: no secret to log in with this time. The daemon tries again at the next poll."""


class MailboxError(CoffeechatError):
    """The IMAP server could not be reached, refused us, or answered something we cannot use."""


class ConnectionLost(MailboxError):
    """The connection broke, stalled or was closed under a command (not an answer from a working server)."""


class Throttled(MailboxError):
    """The server asks us to slow down (Microsoft: "Request is throttled. Suggested Backoff Time: N milliseconds")."""

    def __init__(self, message: str, wait: float):
        super().__init__(message)
        self.wait = wait  # seconds, as the server suggested (at least a minute)


class LoginRefused(MailboxError):
    """The server said no to the user and password: retrying soon would only risk locking the account."""


class DeliveryError(CoffeechatError):
    """The SMTP server for the weekly summary could not be reached, refused us, or refused the message."""


class StoreError(CoffeechatError):
    """The contact log (the database) could not be opened or written."""


class TemplateError(CoffeechatError):
    """A draft template is missing or does not render."""
