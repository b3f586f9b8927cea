"""The grammar of one skill rule (a string of a queue skill rule's list):

    RULE := PART [ ',' PART ]
    PART := EXPR
    EXPR := TERM [ ('&' | '|') EXPR ]
    TERM := SKILL [ CMP NUMBER ] | '(' EXPR ')'
    CMP  := ('!' | '>' | '<' | '=') ['=']

NUMBER is digits; SKILL any run of other characters; blanks and tabs separate.
Skill names and number ranges are not checked against the store."""

import re

_TOKEN = re.compile(
    r'\s*(?:(?P<op>[&|])|(?P<paren>[()])|(?P<cmp>[!<>=]=?)'
    r'|(?P<word>[^\s&|()!<>=,]+))'
)


class _Tokens:
    def __init__(self, text):
        self.items = []
        position = 0
        text = text.rstrip(' \t')
        while position < len(text):
            match = _TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise ValueError(f'unexpected character at {position + 1}')
            kind = match.lastgroup
            self.items.append((kind, match.group(kind)))
            position = match.end()
        self.index = 0

    def peek(self):
        return self.items[self.index] if self.index < len(self.items) else (None, None)

    def take(self):
        item = self.peek()
        self.index += 1
        return item


def _expr(tokens):
    _term(tokens)
    kind, _ = tokens.peek()
    if kind == 'op':
        tokens.take()
        _expr(tokens)


def _term(tokens):
    kind, value = tokens.take()
    if kind == 'paren' and value == '(':
        _expr(tokens)
        kind, value = tokens.take()
        if (kind, value) != ('paren', ')'):
            raise ValueError('missing )')
        return
    if kind != 'word':
        raise ValueError('a skill name is expected')
    if tokens.peek()[0] == 'cmp':
        tokens.take()
        kind, value = tokens.take()
        if kind != 'word' or not (value.isascii() and value.isdigit()):
            raise ValueError('a number is expected after a comparison')


def check(rule):
    """Raise ValueError (with a short reason) unless `rule` is well formed."""
    parts = rule.split(',')
    if len(parts) > 2:
        raise ValueError('at most one comma')
    for part in parts:
        tokens = _Tokens(part)
        if not tokens.items:
            raise ValueError('an expression is empty')
        _expr(tokens)
        if tokens.index != len(tokens.items):
            raise ValueError('unexpected text after the expression')
