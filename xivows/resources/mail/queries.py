from xivows.models.mail import Mail

ID = 1  # the only row


def stored() -> Mail | None:
    return Mail.get_or_none(Mail.id == ID)


def current() -> Mail:
    """The stored row, or an unsaved one with empty settings."""
    return stored() or Mail(
        id=ID, mydomain='', origin='', relayhost='', fallback_relayhost='', canonical=''
    )


def save(values: dict) -> None:
    if stored() is None:
        Mail.create(id=ID, **values)
    else:
        Mail.update(**values).where(Mail.id == ID).execute()
