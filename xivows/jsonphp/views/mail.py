"""The legacy wire shape of the mail settings (view): `canonical` as a list of
{pattern, result} (null when a rule has no result)."""

from xivows.resources.mail.schemas import SETTINGS, rules_of


def mail_view(mail):
    view = {'id': str(mail.id)}
    view.update({key: getattr(mail, key) for key in SETTINGS})
    view['canonical'] = rules_of(mail.canonical)
    return view
