"""The legacy json.php dialect: URL families, dispatch, auth and wire format."""
