"""What a real Asterisk 21 knows, as fixtures of the configuration checks.

APPLICATIONS and FUNCTIONS: `core show applications` / `core show functions`
of the reference build (the lists at the end of shared/spec/asterisk-build.md)
plus the modules this project adds to that build: app_read (Read),
app_authenticate (Authenticate) and func_timeout (TIMEOUT); see
tools/asterisk-smoke/README.md.

The option names are those Asterisk 21.12.3 registers in its sources
(res_pjsip sorcery fields, app_queue's queue_set_param, app_voicemail's
apply_option, app_confbridge and res_parking option tables)."""

_SPEC_APPLICATIONS = """
AGI AddQueueMember Answer BackGround Bridge Busy CallCompletionCancel CallCompletionRequest
ClearHash ConfBridge ConfKick Congestion DBdeltree DeadAGI Dial EAGI Echo Exec ExecIf
ExecIfTime Gosub GosubIf Goto GotoIf GotoIfTime Hangup Incomplete Log MSet MessageSend
MixMonitor MusicOnHold NoOp PJSIPHangup PJSIPNotify Park ParkAndAnnounce ParkedCall
PauseQueueMember Playback Proceeding Progress Queue QueueLog QueueUpdate RaiseException
RemoveQueueMember RetryDial Return Ringing SayAlpha SayAlphaCase SayDigits SayMoney SayNumber
SayOrdinal SayPhonetic Set StackPop StartMusicOnHold StopMixMonitor StopMusicOnHold System
TryExec TrySystem UnpauseQueueMember UserEvent VMAuthenticate VMSayName Verbose VoiceMail
VoiceMailMain VoiceMailPlayMsg Wait WaitDigit WaitExten
""".split()
APPLICATIONS = frozenset(_SPEC_APPLICATIONS + ['Read', 'Authenticate'])

_SPEC_FUNCTIONS = """
ABS AMI_CLIENT ARRAY CALLERID CDR CDR_PROP CHANNEL CHANNELS CHANNEL_EXISTS CONFBRIDGE
CONFBRIDGE_CHANNELS CONFBRIDGE_INFO CONNECTEDLINE CSV_QUOTE DB DB_DELETE DB_EXISTS DB_KEYCOUNT
DB_KEYS DEC DELETE DEVICE_STATE EVAL EXCEPTION EXISTS FEATURE FEATUREMAP FIELDNUM FIELDQTY
FILTER GLOBAL GLOBAL_DELETE GLOBAL_EXISTS HASH HASHKEYS HINT IF IFTIME IMPORT INC ISNULL
KEYPADHASH LEN LISTFILTER LOCAL LOCAL_PEEK LOG_GROUP LTRIM MASTER_CHANNEL MATH MAX MESSAGE
MESSAGE_DATA MIN MIXMONITOR PARK_GET_CHANNEL PASSTHRU PJSIP_AOR PJSIP_CONTACT
PJSIP_DIAL_CONTACTS PJSIP_DTMF_MODE PJSIP_ENDPOINT PJSIP_HEADER PJSIP_HEADERS
PJSIP_HEADER_PARAM PJSIP_MEDIA_OFFER PJSIP_MOH_PASSTHROUGH PJSIP_PARSE_URI
PJSIP_PARSE_URI_FROM PJSIP_RESPONSE_HEADERS PJSIP_SEND_SESSION_REFRESH
PJSIP_TRANSFER_HANDLING POP PUSH QUEUE_EXISTS QUEUE_GET_CHANNEL QUEUE_MEMBER
QUEUE_MEMBER_COUNT QUEUE_MEMBER_LIST QUEUE_MEMBER_PENALTY QUEUE_VARIABLES QUEUE_WAITING_COUNT
QUOTE REDIRECTING REGEX REPLACE RTRIM SET SHARED SHIFT STACK_PEEK STRBETWEEN STRFTIME
STRPTIME STRREPLACE TESTTIME TOLOWER TOUPPER TRIM UNSHIFT VARIABLE_EXISTS VM_INFO
""".split()
FUNCTIONS = frozenset(_SPEC_FUNCTIONS + ['TIMEOUT'])

PJSIP_OPTIONS = {
    'endpoint': frozenset(
        """
100rel accept_multiple_sdp_answers accountcode acl aggregate_mwi allow allow_overlap
allow_subscribe allow_transfer allow_unauthenticated_options aors asymmetric_rtp_codec auth
bind_rtp_to_media_address bundle call_group callerid callerid_privacy callerid_tag
codec_prefs_incoming_answer codec_prefs_incoming_offer codec_prefs_outgoing_answer
codec_prefs_outgoing_offer connected_line_method contact_acl contact_deny contact_permit
contact_user context cos_audio cos_video deny device_state_busy_at direct_media
direct_media_glare_mitigation direct_media_method disable_direct_media_on_nat disallow
dtmf_mode fax_detect fax_detect_timeout follow_early_media_fork force_avp force_rport
from_domain from_user g726_non_standard ice_support identify_by ignore_183_without_sdp
inband_progress incoming_call_offer_pref incoming_mwi_mailbox language mailboxes
max_audio_streams max_video_streams media_address media_encryption
media_encryption_optimistic media_use_received_transport message_context moh_passthrough
moh_suggest mwi_from_user mwi_subscribe_replaces_unsolicited named_call_group
named_pickup_group notify_early_inuse_ringing one_touch_recording outbound_auth
outbound_proxy outgoing_call_offer_pref overlap_context permit pickup_group
preferred_codec_only record_off_feature record_on_feature redirect_method
refer_blind_progress rewrite_contact rpid_immediate rtcp_mux rtp_engine rtp_ipv6
rtp_keepalive rtp_symmetric rtp_timeout rtp_timeout_hold sdp_owner sdp_session send_aoc
send_connected_line send_diversion send_history_info send_pai send_rpid set_var
sub_min_expiry subscribe_context suppress_q850_reason_headers t38_udptl t38_udptl_ec
t38_udptl_ipv6 t38_udptl_maxdatagram t38_udptl_nat timers timers_min_se timers_sess_expires
tone_zone tos_audio tos_video transport trust_connected_line trust_id_inbound
trust_id_outbound type use_avpf use_ptime user_eq_phone voicemail_extension webrtc
""".split()
    ),
    'aor': frozenset(
        """
authenticate_qualify contact default_expiration mailboxes max_contacts maximum_expiration
minimum_expiration outbound_proxy qualify_2xx_only qualify_frequency qualify_timeout
remove_existing remove_unavailable support_path type voicemail_extension
""".split()
    ),
    'auth': frozenset(
        """
type username password md5_cred realm nonce_lifetime auth_type password_digest
supported_algorithms_uac supported_algorithms_uas refresh_token oauth_clientid oauth_secret
""".split()
    ),
    'transport': frozenset(
        """
allow_reload allow_wildcard_certs async_operations bind ca_list_file ca_list_path cert_file
cipher cos domain external_media_address external_signaling_address external_signaling_port
local_net method password priv_key_file protocol require_client_cert symmetric_transport
tcp_keepalive_enable tcp_keepalive_idle_time tcp_keepalive_interval_time
tcp_keepalive_probe_count tos type verify_client verify_server websocket_write_timeout
""".split()
    ),
    'registration': frozenset(
        """
auth_rejection_permanent client_uri contact_header_params contact_user endpoint expiration
fatal_retry_interval forbidden_retry_interval line max_random_initial_delay max_retries
outbound_auth outbound_proxy retry_interval security_mechanisms security_negotiation
server_uri support_outbound support_path transport type user_agent
""".split()
    ),
    'identify': frozenset(
        'endpoint match match_header match_request_uri srv_lookups type'.split()
    ),
}

QUEUE_OPTIONS = frozenset(
    """
announce announce-frequency announce-holdtime announce-position announce-position-limit
announce-position-only-up announce-round-seconds announce-to-first-user autofill autopause
autopausebusy autopausedelay autopauseunavail context defaultrule joinempty leavewhenempty
log-restricted-caller-id maxlen memberdelay membergosub min-announce-frequency musicclass
monitor-format
musiconhold penaltymemberslimit periodic-announce periodic-announce-frequency
periodic-announce-startdelay queue-callerannounce queue-callswaiting queue-holdtime
queue-minute queue-minutes queue-reporthold queue-seconds queue-thankyou queue-thereare
queue-youarenext random-periodic-announce relative-periodic-announce reportholdtime retry
ringinuse servicelevel setinterfacevar setqueueentryvar setqueuevar strategy timeout
timeoutpriority timeoutrestart weight wrapuptime member
""".split()
)
QUEUE_GENERAL_OPTIONS = frozenset(
    """
persistentmembers autofill monitor-type shared_lastcall negative_penalty_invalid
log_membername_as_agent force_longest_waiting_caller log_unpause_on_reason_change
log-caller-id-name
""".split()
)

VOICEMAIL_MAILBOX_OPTIONS = frozenset(
    """
attach attachextrecs attachfmt backupdeleted callback delete deletevoicemail dialout
emailbody emailsubject envelope exitcontext forcegreetings forcename fromstring language
leaveurgent locale maxmessage maxmsg maxsecs messagewrap minsecs moveheard nextaftercmd
operator review saycid sayduration saydurationm sendvoicemail serveremail tempgreetwarn tz
volgain hidefromdir
""".split()
)  # hidefromdir: read from the options by app_directory

CONFBRIDGE_OPTIONS = {
    'bridge': frozenset(
        """
binaural_active enable_events internal_sample_rate jitterbuffer language max_members
maximum_sample_rate mixing_interval record_command record_conference record_file
record_file_append record_file_timestamp record_options regcontext remb_behavior
remb_estimated_bitrate remb_send_interval template type video_mode video_update_discard
""".split()
    ),
    'user': frozenset(
        """
admin announce_join_leave announce_join_leave_review announce_only_user announce_user_count
announce_user_count_all announcement answer_channel denoise dsp_drop_silence
dsp_silence_threshold dsp_talking_threshold dtmf_passthrough echo_events end_marked
end_marked_any hear_own_join_sound jitterbuffer marked music_on_hold_class
music_on_hold_when_empty pin quiet send_events startmuted talk_detection_events template
text_messaging timeout type wait_marked
""".split()
    ),
}

PARKING_OPTIONS = frozenset(
    """
comebackcontext comebackdialtime comebacktoorigin context courtesytone findslot
parkedcallhangup parkedcallrecording parkedcallreparking parkedcalltransfers parkeddynamic
parkedmusicclass parkedplay parkext parkext_exclusive parkinghints parkingtime parkpos
""".split()
)
