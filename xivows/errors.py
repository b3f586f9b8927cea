"""The error vocabulary of the service layer. Each dialect maps it to HTTP."""


class ServiceError(Exception):
    """A request the service refuses; `message` is shown to the client."""

    status = 500

    def __init__(self, message, status=None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status


class InvalidInput(ServiceError):
    status = 400


class StoreConflict(InvalidInput):
    """The database refused a write that the checks let through: a concurrent
    request committed first (a unique key). Run again, the request gets the
    answer its checks give now."""


class NotFound(ServiceError):
    status = 404

    @classmethod
    def of(cls, kind, ident):
        return cls(f'no such {kind}: {ident}')


class InUse(ServiceError):
    """Refused because other objects still reference this one."""

    status = 400


class Unavailable(ServiceError):
    """A dependency (database, AMI) cannot be reached."""

    status = 503


class InsufficientStorage(ServiceError):
    """The store cannot grow (disk full, file size limit): nothing was written."""

    status = 507
