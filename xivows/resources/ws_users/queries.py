from xivows.models.accesswebservice import AccessWebService


def all_users(limit=None, offset=0):
    query = AccessWebService.select().order_by(AccessWebService.name)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list(query)


def by_uuid(user_uuid):
    return AccessWebService.get_or_none(AccessWebService.uuid == user_uuid)


def name_owner(name):
    return AccessWebService.get_or_none(AccessWebService.name == name)


def login_owner(login):
    return (
        AccessWebService.select()
        .where(AccessWebService.login == login)
        .order_by(AccessWebService.id)
        .first()
    )


def enabled_with_login(login):
    return list(
        AccessWebService.select()
        .where((AccessWebService.login == login) & (AccessWebService.disable == False))
        .order_by(AccessWebService.id)
    )
