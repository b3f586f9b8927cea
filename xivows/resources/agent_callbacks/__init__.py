"""HTTP callbacks of agent events (seed 003 `.../agent/{local|remote}/{agent_id}/event/`):
an entity's subscription to one agent's logins or logouts, delivered through the
outbox (`xivows.outbox`)."""
