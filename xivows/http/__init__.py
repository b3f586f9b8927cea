"""The HTTP kit every dialect stands on: request bodies (`body`) and
`guarded(section)`: authentication, the ACL section, one
transaction and the service errors rendered in the dialect's own shape."""
