"""What xivows tells a real Asterisk 21: its generated configuration (config/)."""
