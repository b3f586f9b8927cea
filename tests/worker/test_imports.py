"""The background worker process imports what it runs, not what it might:
urllib3 (and importlib.metadata under it) load with the first callback sent,
and the package's version only when asked for (~9 MiB of resident memory kept
out of a worker that sends no callback)."""

import subprocess
import sys

_PROBE = """
import sys
from xivows import wiring
from xivows.worker import process
from xivows.outbox import delivery
print(sorted(name for name in ('urllib3', 'importlib.metadata') if name in sys.modules))
import xivows
from importlib import metadata
print(xivows.__version__ == metadata.version('xivows'))
"""


def test_the_worker_loads_neither_urllib3_nor_package_metadata_up_front():
    result = subprocess.run(
        [sys.executable, '-c', _PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split('\n')[:2] == ['[]', 'True']
