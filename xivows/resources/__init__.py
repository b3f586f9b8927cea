"""The domain: one folder per resource with its service (typed inputs, no HTTP),
schemas (field rules), queries and, where it helps, view/links modules. Dialects
(json.php in `xivows/jsonphp/`, the others in `compat/`) call these services."""
