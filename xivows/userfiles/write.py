"""Writing every user in a users file (pipe, csv or jsonl, as xivows.userfiles
.read reads them back): an export imported into a store with the same entities
and contexts gives the same users, lines (names, secrets), voicemail boxes and
incalls. Users are read by chunks of 1000 (a few queries per chunk): memory
stays flat whatever their number.

A user's row: the original's columns (xivows.userfiles.columns.LEGACY), then
the other fields of `userfeatures`. Flags are written 1/0, an absent value as
an empty one. The user's incall is the first incall answered by the user.
An export holds the secrets (client passwords, line secrets, voicemail
passwords) as the store holds them."""

import csv
import json

from xivows.idsets import in_ids, texts
from xivows.models.agent import AgentFeatures
from xivows.models.cti import CtiProfile
from xivows.models.dialaction import Dialaction
from xivows.models.incall import Incall
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.lines import queries as line_queries
from xivows.resources.users import queries
from xivows.userfiles import columns
from xivows.userfiles.columns import LINE, USER
from xivows.userfiles.read import DELIMITERS, FORMATS

CHUNK = 1000


def export(out, format: str) -> int:
    """Write every user to the text stream `out`; the number written."""
    if format not in FORMATS:
        raise ValueError(f'unknown users file format: {format}')
    if format == 'jsonl':
        write_row = _jsonl_writer(out)
    else:
        writer = csv.writer(
            out,
            delimiter=DELIMITERS[format],
            quotechar='"',
            lineterminator='\n' if format == 'pipe' else '\r\n',
        )
        writer.writerow(columns.EXPORTED)

        def write_row(row):
            writer.writerow([row.get(name, '') for name in columns.EXPORTED])

    count = 0
    for row in rows():
        write_row(row)
        count += 1
    return count


def _jsonl_writer(out):
    def write_row(row):
        document = {}
        for name, value in row.items():
            if value == '':
                continue
            part, key = columns.COLUMNS[name]
            document.setdefault(part, {})[key] = [value] if part == LINE else value
        out.write(json.dumps(document, separators=(',', ':'), ensure_ascii=False) + '\n')

    return write_row


def _text(value):
    if value is None:
        return ''
    if isinstance(value, bool):
        return '1' if value else '0'
    return str(value)


def rows():
    """{column: text} of every user, in id order."""
    agents = dict(AgentFeatures.select(AgentFeatures.id, AgentFeatures.number).tuples())
    profiles = dict(CtiProfile.select(CtiProfile.id, CtiProfile.name).tuples())
    last = 0
    while True:
        users = list(
            UserFeatures.select()
            .where(UserFeatures.id > last)
            .order_by(UserFeatures.id)
            .limit(CHUNK)
        )
        if not users:
            return
        last = users[-1].id
        yield from _chunk(users, agents, profiles)


def _chunk(users, agents, profiles):
    ids = [user.id for user in users]
    lines = queries.main_lines(ids)
    protocol_rows = {}
    for protocol in {line.protocol for line in lines.values()}:
        protocol_rows[protocol] = line_queries.protocol_objects(
            protocol, [line.protocolid for line in lines.values() if line.protocol == protocol]
        )
    boxes = {
        box.uniqueid: box
        for box in Voicemail.select().where(
            in_ids(Voicemail.uniqueid, [user.voicemailid for user in users if user.voicemailid])
        )
    }
    incalls = _incalls_of(ids)
    for user in users:
        row = {
            name: _text(getattr(user, key))
            for name, (part, key) in columns.COLUMNS.items()
            if part == USER and name in columns.EXPORTED and hasattr(user, key)
        }
        row['profileclient'] = profiles.get(user.cti_profile_id, '')
        row['agentnumber'] = agents.get(user.agentid, '')
        line = lines.get(user.id)
        if line is not None:
            protocol_row = protocol_rows[line.protocol].get(line.protocolid)
            row.update(
                phonenumber=line.number,
                context=line.context,
                protocol=line.protocol,
                linename=line.name,
            )
            if line.protocol == 'sip' and protocol_row is not None:
                row.update(linename=protocol_row.name, linesecret=protocol_row.secret)
        box = boxes.get(user.voicemailid)
        if box is not None:
            row.update(
                voicemailname=box.fullname,
                voicemailcontext=box.context,
                voicemailnumber=box.mailbox,
                voicemailpassword=box.password or '',
                voicemailemail=box.email or '',
                voicemailattach=_text(box.attach),
                voicemaildelete=_text(box.deletevoicemail),
                voicemailaskpassword='0' if box.skipcheckpass else '1',
            )
        incall = incalls.get(user.id)
        if incall is not None:
            row.update(incallexten=incall[0], incallcontext=incall[1], incallringseconds=incall[2])
        yield row


def _incalls_of(user_ids):
    """{user id: (exten, context, ring seconds)} of the first incall each user answers."""
    answers = list(
        Dialaction.select(Dialaction.categoryval, Dialaction.actionarg1, Dialaction.actionarg2)
        .where(
            (Dialaction.category == 'incall')
            & (Dialaction.event == 'answer')
            & (Dialaction.action == 'user')
            & in_ids(Dialaction.actionarg1, texts(user_ids))
        )
        .tuples()
    )
    if not answers:
        return {}
    incalls = {
        incall.id: incall
        for incall in Incall.select().where(
            in_ids(Incall.id, [int(incall_id) for incall_id, _, _ in answers])
        )
    }
    found = {}
    for incall_id, user_id, ringseconds in sorted(answers, key=lambda answer: int(answer[0])):
        incall = incalls.get(int(incall_id))
        if incall is not None:
            found.setdefault(int(user_id), (incall.exten, incall.context, ringseconds or ''))
    return found
