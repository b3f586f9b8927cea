from xivows.models.sip_settings import SipGeneralSettings


def stored() -> dict[str, str]:
    return dict(
        SipGeneralSettings.select(
            SipGeneralSettings.option_name, SipGeneralSettings.option_value
        ).tuples()
    )


def write(options: dict[str, str]) -> None:
    for name, value in options.items():
        updated = (
            SipGeneralSettings.update(option_value=value)
            .where(SipGeneralSettings.option_name == name)
            .execute()
        )
        if not updated:
            SipGeneralSettings.create(option_name=name, option_value=value)
