"""All generated files from one snapshot of the store."""

from dataclasses import dataclass, field

from xivows.asterisk.config import (
    confbridge,
    extensions,
    parking,
    pjsip,
    queries,
    queuerules,
    queues,
    voicemail,
)
from xivows.asterisk.config.common import Build

# File -> the Asterisk module that reads it (reloaded when the file changed).
RELOADS = {
    pjsip.FILENAME: 'res_pjsip.so',
    voicemail.FILENAME: 'app_voicemail.so',
    confbridge.FILENAME: 'app_confbridge.so',
    parking.FILENAME: 'res_parking.so',
    queuerules.FILENAME: 'app_queue.so',
    queues.FILENAME: 'app_queue.so',
    extensions.FILENAME: 'pbx_config.so',
}


@dataclass
class Rendered:
    files: dict = field(default_factory=dict)  # file name -> text
    problems: list = field(default_factory=list)  # what could not be generated, and why


def _voicemail_boxes(build):
    """{line id: 'box@context'}: the mailbox of the line's user (MWI)."""
    boxes = {}
    for link in build.data.user_lines:
        user = build.data.users.get(link['user_id'])
        if user and user['voicemailid']:
            box = build.mailbox(user['voicemailid'])
            if box:
                boxes[link['line_id']] = box
    return boxes


def render(data=None, sip_settings=None, queue_rules=None):
    """Every file's text. `data`: a queries.Snapshot (read now when None);
    `sip_settings`: the SIP transport settings (SIPSysCfg keys) when the store
    has none; `queue_rules`: [(name, penalty changes)] for queuerules.conf
    (None: the queues' tier rules of the snapshot)."""
    if data is None:
        data = queries.snapshot()
    if sip_settings is not None:
        data.sip_settings = sip_settings
    build = Build(data)
    if queue_rules is None:
        queue_rules, build.queue_max_penalty = queuerules.tier_rules(data)
    rule_names = {name for name, _ in queue_rules}
    files = {
        # extensions first: it names the object contexts that dial actions check
        extensions.FILENAME: extensions.render(build),
        pjsip.FILENAME: pjsip.render(build, _voicemail_boxes(build)),
        queues.FILENAME: queues.render(build, rule_names),
        queuerules.FILENAME: queuerules.render(build, queue_rules),
        voicemail.FILENAME: voicemail.render(build),
        confbridge.FILENAME: confbridge.render(build),
        parking.FILENAME: parking.render(build),
    }
    return Rendered(dict(sorted(files.items())), list(build.problems))
