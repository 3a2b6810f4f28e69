"""TEST-ONLY fault injection at the named steps of a save (tests/reliability/).

``STWAS_FAULT`` holds comma-separated ``<step>:<action>`` items; ``<step>`` is a step name passed to
:func:`point` (``after-check``, ``after-temp-2``, ...) or ``*`` for every step. Actions:

- ``sleep=S``    sleep S seconds (widens a race window, e.g. between the conflict check and the renames);
- ``barrier=N@DIR`` wait (at most BARRIER_TIMEOUT seconds) until N processes have reached this step with the
                 same DIR (jobs started together meet before their saves: both have read all they read);
- ``kill``       SIGKILL this process (a crash at exactly that step);
- ``fail``       raise OSError(EIO) (an I/O error at that step);
- ``trace=FILE`` append the step name to FILE (so a test learns every step a save goes through).

Never set it outside tests: a save with ``kill`` or ``fail`` leaves the work to recovery on purpose.
"""

import errno
import os
import signal
import time

ENV = "STWAS_FAULT"
BARRIER_TIMEOUT = 30.0


def _items(spec):
    for item in spec.split(","):
        step, _, action = item.strip().partition(":")
        if step and action:
            yield step, action


def point(step):
    """Run the actions STWAS_FAULT names for this step (nothing when it is unset)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    for name, action in _items(spec):
        if name not in (step, "*"):
            continue
        verb, _, arg = action.partition("=")
        if verb == "sleep":
            time.sleep(float(arg))
        elif verb == "barrier":
            _barrier(arg)
        elif verb == "trace":
            with open(arg, "a") as f:
                f.write(step + "\n")
        elif verb == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif verb == "fail":
            raise OSError(errno.EIO, "injected fault at %s" % step)


def _barrier(arg):
    count, _, directory = arg.partition("@")
    os.makedirs(directory, exist_ok=True)
    open(os.path.join(directory, str(os.getpid())), "w").close()
    deadline = time.monotonic() + BARRIER_TIMEOUT
    while len(os.listdir(directory)) < int(count) and time.monotonic() < deadline:
        time.sleep(0.01)
