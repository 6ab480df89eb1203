"""The contact log: its tables, and every read and write of contacts, events, meetings and notes."""
