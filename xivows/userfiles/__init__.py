"""Users files: the import and export formats of users (`pipe`, the original's
`|`-separated text with a header of field names; `csv`; `jsonl`, one json.php
add document per line), shared by json.php's `act=import` and the `xivows
users import|export` commands. Rows become users through
xivows.resources.users.bulk."""
