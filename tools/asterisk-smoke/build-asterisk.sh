#!/bin/bash
# Builds Asterisk 21.12.3 with the modules the generated configuration uses, as
# /work/shared/spec/asterisk-build.md describes, plus app_read (Read: the
# conference PIN prompt), app_authenticate, func_timeout and the PJSIP MWI body
# generator, rfc3326 and diversion modules. Never inside the repository.
#
#   build-asterisk.sh SRC CACHE PREFIX
# SRC: the asterisk/asterisk tree at tag 21.12.3; CACHE: holds
# pjproject-2.15.1.tar.bz2 (git archive --prefix=pjproject-2.15.1/ 2.15.1 of
# pjsip/pjproject), whose md5 is written into
# SRC/third-party/pjproject/pjproject-2.15.1.tar.bz2.md5; PREFIX: install dir.
# Debian packages: build-essential libedit-dev libjansson-dev libxml2-dev
# uuid-dev libsqlite3-dev libssl-dev pkg-config (and sip-tester for the smoke).
set -ex
SRC=$1 CACHE=$2 PREFIX=$3
cd "$SRC"
nice -n 19 ./configure --prefix="$PREFIX" --with-pjproject-bundled --with-download-cache="$CACHE" \
  --with-jansson-bundled=no --without-libjwt-bundled
nice -n 19 make menuselect.makeopts
M=menuselect/menuselect
$M --disable-all menuselect.makeopts
$M --enable OPTIONAL_API --enable astcanary --disable BUILD_NATIVE menuselect.makeopts
for m in app_queue app_dial app_echo app_playback app_verbose app_stack app_exec app_system \
  app_userevent app_confbridge app_voicemail app_mixmonitor app_db app_authenticate app_read \
  pbx_config \
  func_strings func_callerid func_channel func_global func_devstate func_logic func_math \
  func_cdr func_db func_pjsip_endpoint func_pjsip_aor func_pjsip_contact func_timeout \
  res_musiconhold res_timing_timerfd res_convert res_clioriginate res_parking res_agi \
  res_manager_devicestate res_manager_presencestate res_mwi_devstate res_rtp_asterisk \
  res_sorcery_config res_sorcery_memory res_sorcery_astdb res_sorcery_memory_cache \
  res_pjproject res_pjsip res_pjsip_session res_pjsip_registrar \
  res_pjsip_authenticator_digest res_pjsip_outbound_authenticator_digest \
  res_pjsip_endpoint_identifier_user res_pjsip_endpoint_identifier_ip \
  res_pjsip_outbound_registration res_pjsip_pubsub res_pjsip_exten_state res_pjsip_sdp_rtp \
  res_pjsip_nat res_pjsip_caller_id res_pjsip_dtmf_info res_pjsip_mwi \
  res_pjsip_mwi_body_generator res_pjsip_refer res_pjsip_notify res_pjsip_acl \
  res_pjsip_header_funcs res_pjsip_path res_pjsip_config_wizard res_pjsip_dlg_options \
  res_pjsip_logger res_pjsip_pidf_body_generator res_pjsip_xpidf_body_generator \
  res_pjsip_dialog_info_body_generator res_pjsip_pidf_digium_body_supplement \
  res_pjsip_pidf_eyebeam_body_supplement res_pjsip_rfc3326 res_pjsip_diversion \
  chan_pjsip codec_ulaw codec_alaw format_wav format_gsm format_pcm bridge_simple \
  bridge_native_rtp bridge_softmix bridge_holding cdr_csv; do
  $M --enable $m menuselect.makeopts
done
$M --check-deps menuselect.makeopts
nice -n 19 make -j2
make install
mkdir -p "$PREFIX"/var/{lib,spool,run,log}/asterisk
