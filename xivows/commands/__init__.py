"""Groups of `xivows` sub-commands, one module per resource, registered in xivows.cli."""
