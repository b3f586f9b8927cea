"""Side effects (AMI actions, notifications) queued during a request and run only
once its transaction has committed; dropped when it rolls back."""

import logging

from flask import g

logger = logging.getLogger(__name__)


def defer(action):
    g.setdefault('xivows_after_commit', []).append(action)


def drop():
    g.pop('xivows_after_commit', None)


def run():
    for action in g.pop('xivows_after_commit', []):
        try:
            action()
        except Exception:  # a side effect never undoes a committed request
            logger.exception('after-commit action failed')
