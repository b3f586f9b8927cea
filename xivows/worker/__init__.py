"""The one background worker process (`xivows worker`, started by `xivows serve`):
the AMI session, the reconciler of agent state, the live-state feed, the requests
dialects hand it, and the tasks other parts register (`xivows.worker.tasks`)."""
