"""coffeechat: keeps a job seeker's networking follow-through honest, from their own mailbox."""

__version__ = "0.1.0"
