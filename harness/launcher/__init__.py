"""The launcher: ``python -m harness.wsadmin`` (cli), the Session (session), and the runners that execute a script
in CPython (cpython_runner) or a real Jython (jython_runner, bridge, warm).  See README.md in this folder."""
