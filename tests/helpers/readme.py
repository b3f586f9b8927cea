"""The README's examples as tests run them: the `curl` lines of one section's
```sh blocks, run as written with only the address and the credentials replaced."""

import json
import os
import re
import shlex
import subprocess

README = os.path.join(os.path.dirname(__file__), '..', '..', 'README.md')
EXAMPLE_BASE = 'http://127.0.0.1:8000'
EXAMPLE_CREDENTIALS = 'admin:s3cret'


def section(title):
    """The text of the README section whose `## ` heading starts with `title`."""
    with open(README, encoding='utf-8') as stream:
        text = stream.read()
    start = text.index('\n## ' + title)
    end = text.find('\n## ', start + 4)
    return text[start : end if end != -1 else len(text)]


def curl_lines(title):
    blocks = re.findall(r'```sh\n(.*?)```', section(title), re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith('curl ')]


def run(line, base, credentials, replacements=()):
    """Run one example line (shell words, no shell); (exit status, stdout)."""
    line = line.replace(EXAMPLE_BASE, base).replace(EXAMPLE_CREDENTIALS, credentials)
    for old, new in replacements:
        line = line.replace(old, new)
    done = subprocess.run(shlex.split(line), capture_output=True, text=True, timeout=30)
    return done.returncode, done.stdout, done.stderr


def json_or_empty(text):
    return json.loads(text) if text.strip() else None
