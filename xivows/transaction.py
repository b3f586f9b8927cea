"""One request, one transaction: run a function in `database.atomic()`, then the
side effects it queued (after the commit only)."""
import logging

from peewee import DataError, IntegrityError

from xivows import aftercommit
from xivows.db import database
from xivows.errors import InvalidInput, ServiceError

logger = logging.getLogger(__name__)


def run(function, *args, **kwargs):
    """The function's result; ServiceError (nothing stored) on refusal."""
    try:
        with database.atomic():
            result = function(*args, **kwargs)
    except ServiceError:
        aftercommit.drop()
        raise
    except (IntegrityError, DataError) as exc:
        # Validation should have caught it; a concurrent write may not have been.
        aftercommit.drop()
        logger.warning('refused by the database: %s', exc)
        raise InvalidInput('conflicts with the stored data') from None
    aftercommit.run()
    return result
