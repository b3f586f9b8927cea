"""What the configuration resources of /v1 share: values shown as the
configuration files write them (strings; yes/no for flags), and refusals of the
domain services renamed to this dialect's fields."""

from xivows.errors import InvalidInput


def conf_value(value):
    if isinstance(value, bool):
        return 'yes' if value else 'no'
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def renamed(names, function, *args):
    """Run a service call; a refusal naming a domain field (`prefix.` or `prefix:`)
    names the dialect's instead (`names`: domain prefix -> dialect prefix, '' for
    a top-level field)."""
    try:
        return function(*args)
    except InvalidInput as exc:
        message = exc.message
        for domain, ours in names.items():
            for separator in ('.', ':'):
                if message.startswith(domain + separator):
                    rest = message[len(domain) + 1 :]
                    message = (
                        (f'{ours}.{rest}' if ours else rest.lstrip())
                        if separator == '.'
                        else f'{ours or domain}:{rest}'
                    )
                    raise InvalidInput(message) from None
        raise
