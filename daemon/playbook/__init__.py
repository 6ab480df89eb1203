"""The playbook, pure: contact state + now + settings → what is due (follow-ups, the conversation)."""
