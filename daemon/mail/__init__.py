"""Reading mail: the IMAP edge, and the pure parsing and classifying of what it fetches."""
