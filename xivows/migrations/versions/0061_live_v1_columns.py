"""The live tables keep what the seed-001 API (/v1) shows besides what they had:
AOR, auth, contact and outbound registration details (the new tables, parking
lots, modules and the system row, are created from the models). The worker's
next resync fills the new columns."""

from peewee import DoubleField, IntegerField, TextField
from playhouse.migrate import migrate

COLUMNS = {
    'live_pjsip_aor': {
        'qualify_timeout': DoubleField(default=0),
        'authenticate_qualify': TextField(default=''),
        'support_path': TextField(default=''),
        'outbound_proxy': TextField(default=''),
        'voicemail_extension': TextField(default=''),
    },
    'live_pjsip_auth': {'nonce_lifetime': IntegerField(default=0)},
    'live_pjsip_contact': {
        'qualify_frequency': IntegerField(default=0),
        'qualify_timeout': DoubleField(default=0),
        'authenticate_qualify': TextField(default=''),
        'outbound_proxy': TextField(default=''),
        'path': TextField(default=''),
    },
    'live_registration': {'expiration': IntegerField(default=0)},
}


def upgrade(db, migrator):
    operations = []
    for table, fields in COLUMNS.items():
        present = {column.name for column in db.get_columns(table)}
        operations += [
            migrator.add_column(table, name, field)
            for name, field in fields.items()
            if name not in present
        ]
    if operations:
        migrate(*operations)
