"""API clients ("applications" of the seed-003 API): an application belongs to one
entity and exchanges its client id and secret for expiring bearer tokens (OAuth 2
client-credentials grant, served by `compat/callqueue/oauth.py`).

`client_id` is the OAuth client identifier: a random, non-secret string made at
creation. The seed's URLs also say `client_id` (`/client/{client_id}/...`,
`/client/@me/...`): there it means the seed's customer account, which in xivows is
the application's *entity*, so `{client_id}` in a URL is an entity id and `@me` the
entity of the calling application. The two are kept apart on purpose: an entity may
have several applications (one per integration, or an old and a new one while a
secret is rotated), and an entity id is no credential."""
