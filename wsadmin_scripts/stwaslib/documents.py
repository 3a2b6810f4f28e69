"""The text of a repository document, read through AdminConfig.extract (the workspace copy).

Common subset of Python 2.7 (Jython) and 3; standard library only.
"""

import os
import tempfile


def read_document(job, uri, errors='strict'):
    """The document's text (UTF-8 decoded with errors). The temporary file (it may hold {xor} values) is private
    to the user and removed at once."""
    fd, path = tempfile.mkstemp(prefix='stwas-', suffix='.xml')
    os.close(fd)
    try:
        job.AdminConfig.extract(uri, path)
        f = open(path, 'rb')
        try:
            data = f.read()
        finally:
            f.close()
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
    if not isinstance(data, str):
        data = data.decode('utf-8', errors)
    return data
