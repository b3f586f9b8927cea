"""What dialects use to show Asterisk's live state (`queries`, read from the store
tables the worker feeds) and to ask the worker for AMI writes (`requests`)."""
