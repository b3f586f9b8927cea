"""Groups of `xivows` sub-commands, one module per resource: plain click groups,
registered with one line in xivows.cli (`main.add_command(group)`), which runs
each command inside the app on a checked store (see xivows.cli)."""
