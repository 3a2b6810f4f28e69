"""Running stwas jobs on real deployment managers over SSH (fabric and paramiko); used by tasks.py.

    config       cells from the invoke configuration (invoke.yaml: stwas.defaults, stwas.cells.<name>)
    credentials  the wsadmin user/password: environment, prompt, or the host's soap.client.props
    runner       connect, SFTP upload, remote wsadmin with streamed output, snapshots, summaries, parallel cells

See docs/remote.md.
"""
