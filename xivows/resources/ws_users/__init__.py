"""Web-service users as accounts that manage each other through an API (the
seed-001 `/v1` dialect): listed, read, created, changed and deleted by a caller,
who can never grant what it does not hold nor take away its own last write
section. The CLI's `ws-user` commands stay in `xivows.wsusers`."""
