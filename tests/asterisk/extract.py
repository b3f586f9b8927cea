"""Picking parts of a generated configuration file (comment lines left out)."""

import re

_HEADER = re.compile(r'\[([^\]]+)\]')


def blocks(text):
    """[(section name, [lines])] in order, each block from its header to the
    next blank line or header; comments dropped."""
    found = []
    current = None
    for line in text.split('\n'):
        if line.startswith(';'):
            continue
        header = _HEADER.match(line)
        if header:
            current = (header.group(1), [line])
            found.append(current)
        elif not line.strip():
            current = None
        elif current is not None:
            current[1].append(line)
    return found


def sections(text, *names):
    """The blocks of the named sections, separated by blank lines."""
    return '\n\n'.join('\n'.join(lines) for name, lines in blocks(text) if name in names) + '\n'


def lines_of(text, section, prefix):
    """The lines of one section starting with `prefix`."""
    for name, lines in blocks(text):
        if name == section:
            return '\n'.join(line for line in lines if line.startswith(prefix)) + '\n'
    return ''


def extension(text, context, exten):
    """An extension of a dial plan context: its hint, first step and `same` steps."""
    for name, lines in blocks(text):
        if name != context:
            continue
        picked, inside = [], False
        for line in lines[1:]:
            if line.startswith(f'exten => {exten},'):
                picked.append(line)
                inside = not line.startswith(f'exten => {exten},hint,')
            elif line.startswith(' same =>') and inside:
                picked.append(line)
            else:
                inside = False
        return '\n'.join(picked) + '\n'
    return ''
