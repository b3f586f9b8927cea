from xivows.models.sccp import SccpGeneralSettings


def options() -> list[tuple[str, str]]:
    """Every stored option as (name, value), in creation order."""
    return list(
        SccpGeneralSettings.select(
            SccpGeneralSettings.option_name, SccpGeneralSettings.option_value
        )
        .order_by(SccpGeneralSettings.id)
        .tuples()
    )


def save(values: dict[str, str]) -> None:
    """Write each option, creating the ones missing from the store."""
    for name, value in values.items():
        updated = (
            SccpGeneralSettings.update(option_value=value)
            .where(SccpGeneralSettings.option_name == name)
            .execute()
        )
        if not updated:
            SccpGeneralSettings.create(option_name=name, option_value=value)
