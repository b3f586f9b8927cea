"""`authtoken`s of web-service users (the seed-001 `/v1` API): issued after an HTTP
Basic login, sent as `?authtoken=` on every call, revoked by DELETE, expiring
`TOKEN_TTL` seconds after they were issued. Only their SHA-256 digest is stored,
in the store, so every worker and host accepts them."""
