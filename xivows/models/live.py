"""Live state of Asterisk, one copy in the store, written only by the background
worker (fed by AMI events, resynced by list actions on every (re)connect) and read
by the dialects (`xivows.live.queries`). Every row has `changed_at`, the time
(epoch seconds) it last changed. Texts are unbounded: they come from Asterisk."""

from peewee import BooleanField, DoubleField, IntegerField, TextField

from xivows.models.base import BaseModel


def _text():
    return TextField(default='')


def _int():
    return IntegerField(default=0)


class LiveConnection(BaseModel):
    """The worker's link to the AMI (one row, name `ami`)."""

    name = TextField(unique=True)
    configured = BooleanField(default=False)
    connected = BooleanField(default=False)
    since = DoubleField(null=True)  # connected (or disconnected) since
    synced_at = DoubleField(null=True)  # last full resync by list actions
    checked_at = DoubleField(null=True)  # last time the link was seen alive
    last_event_at = DoubleField(null=True)
    error = TextField(null=True)
    holder = _text()  # the worker writing this row
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_connection'


class LiveQueue(BaseModel):
    """QueueParams: statistics of one queue."""

    name = TextField(unique=True)
    max = _int()
    strategy = _text()
    calls = _int()
    holdtime = _int()
    talktime = _int()
    completed = _int()
    abandoned = _int()
    service_level = _int()
    service_level_perf = DoubleField(default=0)
    service_level_perf2 = DoubleField(default=0)
    weight = _int()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_queue'


class LiveQueueMember(BaseModel):
    """A queue member as Asterisk has it (`status`: numeric device state)."""

    queue = TextField()
    interface = TextField()
    member_name = _text()
    state_interface = _text()
    membership = _text()
    penalty = _int()
    calls_taken = _int()
    last_call = _int()
    last_pause = _int()
    login_time = _int()
    in_call = BooleanField(default=False)
    status = _int()
    paused = BooleanField(default=False)
    paused_reason = _text()
    wrapuptime = _int()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_queue_member'
        indexes = ((('queue', 'interface'), True),)


class LiveQueueEntry(BaseModel):
    """A caller waiting in a queue."""

    channel = TextField(unique=True)
    queue = TextField(index=True)
    position = _int()
    uniqueid = _text()
    caller_id_num = _text()
    caller_id_name = _text()
    connected_line_num = _text()
    connected_line_name = _text()
    priority = _int()
    joined_at = DoubleField(default=0)
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_queue_entry'


class LiveChannel(BaseModel):
    channel = TextField(unique=True)
    uniqueid = _text()
    linkedid = _text()
    state = _int()
    state_desc = _text()
    caller_id_num = _text()
    caller_id_name = _text()
    connected_line_num = _text()
    connected_line_name = _text()
    language = _text()
    account_code = _text()
    context = _text()
    exten = _text()
    priority = _int()
    application = _text()
    application_data = _text()
    bridge_id = _text()
    created_at = DoubleField(default=0)
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_channel'


class LiveDeviceState(BaseModel):
    device = TextField(unique=True)
    state = _text()  # NOT_INUSE, INUSE, RINGING, UNAVAILABLE, ...
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_device_state'


class LivePjsipEndpoint(BaseModel):
    name = TextField(unique=True)
    transport = _text()
    aor = _text()
    auths = _text()
    outbound_auths = _text()
    contacts = _text()
    device_state = _text()  # human text: Not in use, In use, Unavailable...
    active_channels = _int()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_pjsip_endpoint'


class LivePjsipContact(BaseModel):
    aor = TextField()
    uri = TextField()
    name = _text()  # <aor>;@<hash>
    endpoint = _text()
    status = _text()  # NonQualified, Reachable, Unreachable, ...
    user_agent = _text()
    via_addr = _text()
    via_port = _int()
    expiration_time = _int()
    roundtrip_usec = _text()
    call_id = _text()
    reg_server = _text()
    qualify_frequency = _int()
    qualify_timeout = DoubleField(default=0)
    authenticate_qualify = _text()  # yes/no, as Asterisk says it
    outbound_proxy = _text()
    path = _text()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_pjsip_contact'
        indexes = ((('aor', 'uri'), True),)


class LivePjsipAor(BaseModel):
    name = TextField(unique=True)
    contacts = _text()
    max_contacts = _int()
    minimum_expiration = _int()
    default_expiration = _int()
    maximum_expiration = _int()
    qualify_frequency = _int()
    remove_existing = BooleanField(default=False)
    mailboxes = _text()
    qualify_timeout = DoubleField(default=0)
    authenticate_qualify = _text()  # true/false, as Asterisk says it
    support_path = _text()
    outbound_proxy = _text()
    voicemail_extension = _text()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_pjsip_aor'


class LivePjsipAuth(BaseModel):
    """PJSIP auth objects, without their secrets (Asterisk lists them in clear)."""

    name = TextField(unique=True)
    username = _text()
    realm = _text()
    auth_type = _text()
    nonce_lifetime = _int()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_pjsip_auth'


class LiveRegistration(BaseModel):
    """An outbound registration (PJSIP `registration` object)."""

    name = TextField(unique=True)
    client_uri = _text()
    server_uri = _text()
    status = _text()  # Registered, Unregistered, Rejected, ...
    next_reg = _int()
    expiration = _int()  # seconds a registration asks for (0: unknown)
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_registration'


class LiveParkedCall(BaseModel):
    channel = TextField(unique=True)  # the parkee
    uniqueid = _text()
    linkedid = _text()
    parkinglot = _text()
    space = _text()
    timeout_at = DoubleField(default=0)  # when the parking times out
    parked_at = DoubleField(default=0)
    caller_id_num = _text()
    caller_id_name = _text()
    connected_line_num = _text()
    connected_line_name = _text()
    parker_dial_string = _text()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_parked_call'


class LiveParkingLot(BaseModel):
    """A parking lot as res_parking has it (Parkinglots)."""

    name = TextField(unique=True)
    start_space = _text()
    stop_space = _text()
    timeout = _int()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_parking_lot'


class LiveModule(BaseModel):
    """A loaded Asterisk module (`module show`): `status` Running / Not Running."""

    name = TextField(unique=True)  # e.g. app_queue.so
    description = _text()
    use_count = _int()
    status = _text()
    support_level = _text()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_module'


class LiveSystem(BaseModel):
    """Asterisk's core settings and status (CoreSettings, CoreStatus): one row,
    name `asterisk`."""

    name = TextField(unique=True)
    ami_version = _text()
    asterisk_version = _text()
    system_name = _text()
    max_calls = _int()
    max_load_avg = DoubleField(default=0)
    max_file_handles = _int()
    run_user = _text()
    run_group = _text()
    real_time_enabled = _text()  # Yes/No, as Asterisk says it
    cdr_enabled = _text()
    http_enabled = _text()
    startup_date = _text()
    startup_time = _text()
    reload_date = _text()
    reload_time = _text()
    current_calls = _int()
    processed_calls = _int()
    changed_at = DoubleField(default=0)

    class Meta:
        table_name = 'live_system'
