"""A user with a SIP line, seen as one SIP account: the line's name and secret,
the user's name and client password, and the phone (device) the line is on.
Dialects that speak of "SIP users" (seed 000) read these; they change them
through the users, lines and devices services."""

from dataclasses import dataclass

from peewee import JOIN, fn

from xivows.errors import NotFound
from xivows.models.device import Device
from xivows.models.line import LineFeatures, UserLine, UserSIP
from xivows.models.user import UserFeatures


@dataclass(frozen=True)
class SipAccount:
    user_id: int
    line_id: int
    name: str  # the SIP name (stored lower-case)
    firstname: str
    lastname: str
    client_login: str
    client_password: str
    secret: str
    number: str
    context: str
    device_id: str  # '' when the line is on no device
    vendor: str
    model: str
    mac: str

    @property
    def display_name(self) -> str:
        return ' '.join(part for part in (self.firstname, self.lastname) if part)


def _query():
    return (
        UserFeatures.select(
            UserFeatures.id,
            LineFeatures.id,
            UserSIP.name,
            UserFeatures.firstname,
            UserFeatures.lastname,
            UserFeatures.loginclient,
            UserFeatures.passwdclient,
            UserSIP.secret,
            LineFeatures.number,
            LineFeatures.context,
            LineFeatures.device,
            Device.vendor,
            Device.model,
            Device.mac,
        )
        .join(UserLine, on=((UserLine.user_id == UserFeatures.id) & (UserLine.main_line == True)))  # noqa: E712
        .join(
            LineFeatures,
            on=((LineFeatures.id == UserLine.line_id) & (LineFeatures.protocol == 'sip')),
        )
        .join(UserSIP, on=(UserSIP.id == LineFeatures.protocolid))
        .join(
            Device,
            JOIN.LEFT_OUTER,
            on=((Device.id == LineFeatures.device) & (LineFeatures.device != '')),
        )
        .order_by(UserSIP.name)
    )


def _account(row):
    (
        user_id,
        line_id,
        name,
        firstname,
        lastname,
        login,
        password,
        secret,
        number,
        context,
        device_id,
        vendor,
        model,
        mac,
    ) = row
    return SipAccount(
        user_id,
        line_id,
        name,
        firstname or '',
        lastname or '',
        login or '',
        password or '',
        secret or '',
        number or '',
        context,
        device_id or '',
        vendor or '',
        model or '',
        mac or '',
    )


def listed() -> list[SipAccount]:
    """Every user's SIP account, by name: one query."""
    return [_account(row) for row in _query().tuples()]


def find(name: str) -> SipAccount | None:
    """The account of a SIP name, whatever its case."""
    row = _query().where(fn.LOWER(UserSIP.name) == name.lower()).tuples().first()
    return _account(row) if row else None


def get(name: str) -> SipAccount:
    account = find(name)
    if account is None:
        raise NotFound(f'no such SIP user: {name}')
    return account


def of_agent(agent_id: int) -> list[SipAccount]:
    """The accounts of the users whose agent is `agent_id` (json.php's
    `user-select`), those with a number only, by name: one query."""
    rows = _query().where(UserFeatures.agentid == agent_id).tuples()
    return [account for account in map(_account, rows) if account.number]


def line_names(pairs) -> dict[tuple[str, str], str]:
    """{(number, context): name} of the user lines at these extensions: one query."""
    pairs = sorted(set(pairs))
    if not pairs:
        return {}
    rows = (
        LineFeatures.select(LineFeatures.number, LineFeatures.context, LineFeatures.name)
        .join(UserLine, on=(UserLine.line_id == LineFeatures.id))
        .where(LineFeatures.number.in_([number for number, _ in pairs]))
        .tuples()
    )
    wanted = set(pairs)
    return {
        (number, context): name for number, context, name in rows if (number, context) in wanted
    }
