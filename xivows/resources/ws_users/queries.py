from xivows.models.accesswebservice import AccessWebService


def all_users(limit: int | None = None, offset: int = 0) -> list[AccessWebService]:
    query = AccessWebService.select().order_by(AccessWebService.name)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(query)


def by_uuid(user_uuid: str) -> AccessWebService | None:
    return AccessWebService.get_or_none(AccessWebService.uuid == user_uuid)


def name_owner(name: str) -> AccessWebService | None:
    return AccessWebService.get_or_none(AccessWebService.name == name)


def login_owner(login: str) -> AccessWebService | None:
    return (
        AccessWebService.select()
        .where(AccessWebService.login == login)
        .order_by(AccessWebService.id)
        .first()
    )


def enabled_with_login(login: str) -> list[AccessWebService]:
    return list(
        AccessWebService.select()
        .where((AccessWebService.login == login) & (AccessWebService.disable == False))
        .order_by(AccessWebService.id)
    )
