"""The legacy wire shape of the SCCP general settings (view)."""


def settings_view(options):
    """(name, value) pairs -> the view: every value a string."""
    return {'sccpgeneralsettings': {name: value or '' for name, value in options}}
