"""Web-service users: who may call, from where, and which sections."""
