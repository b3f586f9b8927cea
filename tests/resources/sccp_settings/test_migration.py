"""The SCCP default options on a fresh store made by `xivows db upgrade`."""

from click.testing import CliRunner

from xivows import cli, db
from xivows.models.sccp import SccpGeneralSettings


def test_db_upgrade_seeds_the_options_once(tmp_path, monkeypatch):
    url = f'sqlite:///{tmp_path / "fresh.db"}'
    monkeypatch.setenv('XIVOWS_DATABASE_URL', url)
    runner = CliRunner()
    try:
        for _ in range(2):
            result = runner.invoke(cli.main, ['db', 'upgrade'], catch_exceptions=False)
            assert result.exit_code == 0
        db.bind(url)
        rows = list(
            SccpGeneralSettings.select(
                SccpGeneralSettings.option_name, SccpGeneralSettings.option_value
            )
            .order_by(SccpGeneralSettings.id)
            .tuples()
        )
    finally:
        db.bind(url)
        db.database.close()
    assert rows == [
        ('directmedia', 'no'),
        ('dialtimeout', '5'),
        ('keepalive', '10'),
        ('language', 'en_US'),
        ('disallow', 'all'),
        ('allow', ''),
    ]
