"""Everything the generated configuration is made of, read from the store in a
constant number of queries (one per table), as plain dicts in a stable order.
The generators work on this snapshot only: they never query."""

from dataclasses import dataclass, field

from xivows import settings as installed_settings
from xivows.models.agent import AgentFeatures
from xivows.models.callqueue import QueueTierRule
from xivows.models.context import Context, ContextInclude
from xivows.models.dialaction import Callerid, Dialaction, SchedulePath
from xivows.models.extension import Extension
from xivows.models.incall import Incall
from xivows.models.line import LineFeatures, SCCPLine, UserCustom, UserLine, UserSIP
from xivows.models.meetme import MeetmeFeatures, StaticMeetme
from xivows.models.outcall import DialPattern, Outcall, OutcallTrunk
from xivows.models.parkinglot import Parkinglot
from xivows.models.queue import GroupFeatures, Queue, QueueFeatures, QueueMember
from xivows.models.queueskill import QueueSkillRule
from xivows.models.schedule import Schedule, ScheduleTime
from xivows.models.trunk import TrunkFeatures, TrunkRegister, UserIAX
from xivows.models.user import UserFeatures
from xivows.models.voicemail import Voicemail
from xivows.resources.sip_settings import service as sip_settings


def _rows(model, *order):
    order = order or (model._meta.primary_key,)
    return list(model.select().order_by(*order).dicts())


def _by_id(rows, key='id'):
    return {row[key]: row for row in rows}


@dataclass
class Snapshot:
    contexts: list = field(default_factory=list)
    includes: list = field(default_factory=list)
    extensions: list = field(default_factory=list)
    users: dict = field(default_factory=dict)
    user_lines: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)
    sip: dict = field(default_factory=dict)
    sccp: dict = field(default_factory=dict)
    custom: dict = field(default_factory=dict)
    iax: dict = field(default_factory=dict)
    voicemails: dict = field(default_factory=dict)
    dialactions: dict = field(default_factory=dict)  # (category, id text, event) -> row
    callerids: dict = field(default_factory=dict)  # (type, id) -> row
    schedule_paths: dict = field(default_factory=dict)  # (path, id) -> schedule id
    schedules: dict = field(default_factory=dict)
    schedule_times: list = field(default_factory=list)
    queues: dict = field(default_factory=dict)  # name -> queue options row
    queue_features: dict = field(default_factory=dict)
    group_features: dict = field(default_factory=dict)
    queue_members: list = field(default_factory=list)
    agents: dict = field(default_factory=dict)
    incalls: dict = field(default_factory=dict)
    outcalls: dict = field(default_factory=dict)
    outcall_trunks: list = field(default_factory=list)
    dialpatterns: dict = field(default_factory=dict)
    trunks: dict = field(default_factory=dict)
    registers: dict = field(default_factory=dict)
    meetmes: dict = field(default_factory=dict)
    static_meetmes: dict = field(default_factory=dict)
    parkinglots: dict = field(default_factory=dict)
    skill_rules: list = field(default_factory=list)
    tier_rules: list = field(default_factory=list)  # queue_tier_rule rows
    # The SIP transports (seed 000's SIPSysCfg); None until a store holds them.
    sip_settings: dict | None = None

    def lines_of_user(self, user_id):
        """The user's usable lines, main line first."""
        links = sorted(
            (link for link in self.user_lines if link['user_id'] == user_id),
            key=lambda link: (not link['main_line'], link['line_id']),
        )
        found = []
        for link in links:
            line = self.lines.get(link['line_id'])
            if line is not None and not line['commented']:
                found.append(line)
        return found


def _sip_settings():
    """The store's SIP settings in the SIPSysCfg keys the transports read."""
    settings = sip_settings.get()
    flag = {True: '1', False: '0'}
    return {
        'UDPEnable': flag[settings.udp_enabled],
        'UDPPort': str(settings.udp_port),
        'TCPEnable': flag[settings.tcp_enabled],
        'TCPPort': str(settings.tcp_port),
        'TLSEnable': flag[settings.tls_enabled],
        'TLSPort': str(settings.tls_port),
        'TLSCertFile': installed_settings.get('SIP_TLS_CERT_FILE'),
        'TLSKeyFile': installed_settings.get('SIP_TLS_KEY_FILE'),
    }


def snapshot():
    """Read the store (call it inside one transaction for a consistent view)."""
    data = Snapshot()
    data.sip_settings = _sip_settings()
    data.contexts = [row for row in _rows(Context, Context.name)]
    data.includes = _rows(
        ContextInclude, ContextInclude.context, ContextInclude.priority, ContextInclude.id
    )
    data.extensions = list(
        Extension.select()
        .where(Extension.commented == False)  # noqa: E712
        .order_by(Extension.context, Extension.exten)
        .dicts()
    )
    data.users = _by_id(_rows(UserFeatures))
    data.user_lines = _rows(UserLine)
    data.lines = _by_id(_rows(LineFeatures))
    data.sip = _by_id(_rows(UserSIP))
    data.sccp = _by_id(_rows(SCCPLine))
    data.custom = _by_id(_rows(UserCustom))
    data.iax = _by_id(_rows(UserIAX))
    data.voicemails = _by_id(_rows(Voicemail), 'uniqueid')
    data.dialactions = {
        (row['category'], row['categoryval'], row['event']): row for row in _rows(Dialaction)
    }
    data.callerids = {(row['type'], row['typeval']): row for row in _rows(Callerid)}
    data.schedule_paths = {
        (row['path'], row['pathid']): row['schedule_id'] for row in _rows(SchedulePath)
    }
    data.schedules = _by_id(_rows(Schedule))
    data.schedule_times = _rows(ScheduleTime, ScheduleTime.schedule_id, ScheduleTime.id)
    data.queues = _by_id(_rows(Queue, Queue.name), 'name')
    data.queue_features = _by_id(_rows(QueueFeatures))
    data.group_features = _by_id(_rows(GroupFeatures))
    data.queue_members = _rows(
        QueueMember, QueueMember.queue_name, QueueMember.position, QueueMember.id
    )
    data.agents = _by_id(_rows(AgentFeatures))
    data.incalls = _by_id(_rows(Incall))
    data.outcalls = _by_id(_rows(Outcall))
    data.outcall_trunks = _rows(
        OutcallTrunk, OutcallTrunk.outcallid, OutcallTrunk.priority, OutcallTrunk.id
    )
    data.dialpatterns = _by_id(_rows(DialPattern))
    data.trunks = _by_id(_rows(TrunkFeatures))
    data.registers = _by_id(_rows(TrunkRegister))
    data.meetmes = _by_id(_rows(MeetmeFeatures))
    data.static_meetmes = _by_id(_rows(StaticMeetme))
    data.parkinglots = _by_id(_rows(Parkinglot))
    data.skill_rules = _rows(QueueSkillRule, QueueSkillRule.name)
    data.tier_rules = _rows(QueueTierRule, QueueTierRule.queue)
    return data
