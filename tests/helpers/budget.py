"""Query budgets (issue 8): how many statements a service call runs."""

from playhouse.test_utils import count_queries


def queries_of(function, *args, **kwargs):
    """(result, number of statements) of one call."""
    with count_queries() as counted:
        result = function(*args, **kwargs)
    return result, counted.count
