"""The README's shell examples, run as they are written: the fenced `sh` blocks of
one section, with only the host and the credentials replaced."""

import json
import os
import pathlib
import re
import subprocess

README = pathlib.Path(__file__).resolve().parents[2] / 'README.md'
_FENCE = re.compile(r'^```(\w*)\n(.*?)^```\n', re.MULTILINE | re.DOTALL)


def section(title):
    """The text of the README section whose `## ` heading starts with `title`."""
    text = README.read_text()
    start = text.index('\n## ' + title)
    end = text.find('\n## ', start + 1)
    return text[start : end if end != -1 else len(text)]


def blocks(title, language='sh'):
    """The code blocks of one language in a section, in order."""
    return [code for lang, code in _FENCE.findall(section(title)) if lang == language]


def substituted(script, replacements):
    for old, new in replacements.items():
        assert old in script, f'{old!r} is not in the README examples'
        script = script.replace(old, new)
    return script


def run(script, env=None, timeout=60):
    """Run with bash (-e: the first failing command fails the run); (stdout, stderr)."""
    result = subprocess.run(
        ['bash', '-euo', 'pipefail', '-c', script],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    return result.stdout, result.stderr


def expected_outputs(script):
    """The JSON answers the examples show as comments (`# {...}`), in order;
    None for an abbreviated one (containing `...`)."""
    found = []
    for line in script.split('\n'):
        stripped = line.strip()
        if stripped.startswith('# {') or stripped.startswith('# ['):
            shown = stripped[2:]
            found.append(None if '...' in shown else json.loads(shown))
    return found


def printed_outputs(stdout):
    """The JSON documents a run printed, one a line."""
    return [
        json.loads(line)
        for line in stdout.split('\n')
        if line.startswith('{') or line.startswith('[')
    ]


def environment(**extra):
    env = dict(os.environ)
    env.update(extra)
    return env
