"""The rules between resources (delete cascades, dial-action destinations, context
references) are wired by the app factory whatever dialects are enabled: an app
without json.php still cleans up after a delete."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import sys
    from xivows import create_app, migrations, transaction
    from xivows.db import database
    from xivows.migrations import wizard
    from xivows.models.dialaction import Dialaction
    from xivows.models.pickup import Pickup, PickupMember
    from xivows.resources.queues import service as queues
    from xivows.resources.queues.inputs import QueueInput

    app = create_app({'DATABASE_URL': sys.argv[1], 'DIALECTS': []})
    with app.app_context():
        migrations.upgrade()
        with database.atomic():
            wizard.seed()
        queue_id = transaction.run(queues.create, QueueInput(
            features={'name': 'sales', 'number': '3000', 'context': 'default'}))
        with database.atomic():
            Pickup.create(id=0, name='floor')
            PickupMember.create(pickupid=0, category='member', membertype='queue',
                                memberid=queue_id)
            Dialaction.create(event='answer', category='incall', categoryval='1',
                              action='queue', actionarg1=str(queue_id), actionarg2='',
                              linked=True)
        transaction.run(queues.delete, queue_id)
        print(PickupMember.select().count(), Dialaction.get().linked,
              'xivows.jsonphp' in sys.modules)
''')


def test_cascades_run_without_the_jsonphp_dialect(tmp_path):
    url = f'sqlite:///{tmp_path / "store.db"}'
    done = subprocess.run(
        [sys.executable, '-c', SCRIPT, url], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    members_left, linked, jsonphp_loaded = done.stdout.split()
    assert members_left == '0'  # the pickup group forgot the deleted queue
    assert linked == 'False'  # the incall's dial action to it is unlinked
    assert jsonphp_loaded == 'False'  # nothing of the json.php dialect was needed
