"""The text of a repository document, read through AdminConfig.extract (the workspace copy).

Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.binary import utf8_text
from stwaslib.files import private_temp_file, read_bytes, remove_quietly


def read_document(job, uri, errors="strict"):
    """The document's text (UTF-8 decoded with errors). The temporary file (it may hold {xor} values) is private
    to the user and removed at once."""
    path = private_temp_file("stwas-", ".xml")
    try:
        job.AdminConfig.extract(uri, path)
        data = read_bytes(path)
    finally:
        remove_quietly(path)
    return utf8_text(data, errors)
