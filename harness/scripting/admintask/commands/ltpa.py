"""LTPACommandGroup key commands: exportLTPAKeys, importLTPAKeys (WAS >= 8.0; sametime-operations.md 4.3).

    AdminTask.exportLTPAKeys('[-ltpaKeyFile /tmp/st.ltpa -password secret]')   writes the key file (overwrites)
    AdminTask.importLTPAKeys('[-ltpaKeyFile /tmp/st.ltpa -password secret]')   makes its keys the cell's keys

The key material and formats are harness.was.ltpa's.  An import is staged in the workspace (the harness's key
store file ``cells/C/stwas-ltpa.properties``) and written by AdminConfig.save(); importing the keys the
cell already has changes nothing.

[U] choices:
  * both commands need a connection (-conntype SOAP): they act on the runtime keys; in local mode they
    raise M.LTPA_LOCAL_MODE;
  * both return '' (void);
  * the export file is created with mode 0600 (it holds encrypted private keys);
  * wrong password / not a key file / missing file -> ScriptingException with harness.was.ltpa's message and
    nothing staged.
"""

import os

from harness.base import messages as M
from harness.base.errors import ScriptingException
from harness.scripting.admintask.args import Param
from harness.scripting.admintask.framework import command
from harness.was import ltpa

GROUP_LTPA = "LTPACommandGroup"


_PARAMS = [
    Param("ltpaKeyFile", "String", required=True, description="The fully qualified name of the LTPA key file."),
    Param("password", "String", required=True, description="The password that protects the LTPA keys in the file."),
]


def _cell_ltpa(ctx, name):
    if str(getattr(ctx, "conntype", "NONE") or "NONE").upper() == "NONE":
        raise ScriptingException(M.LTPA_LOCAL_MODE % name)
    repo = getattr(ctx, "repository", None)
    if repo is None:
        raise ScriptingException(M.LTPA_LOCAL_MODE % name)
    return ltpa.CellLTPA(repo)


@command(
    "exportLTPAKeys",
    GROUP_LTPA,
    params=_PARAMS,
    description="Exports the Lightweight Third Party Authentication keys that the runtime uses to a file.",
)
def export_ltpa_keys(ctx, target, params):
    cell = _cell_ltpa(ctx, "exportLTPAKeys")
    path = params["ltpaKeyFile"]
    try:
        text = cell.export_text(params["password"])
    except ltpa.LTPAError as e:
        raise ScriptingException(str(e))
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("latin-1"))
    except OSError as e:
        raise ScriptingException(M.LTPA_WRITE_FAILED % (path, e.strerror))
    return None


@command(
    "importLTPAKeys",
    GROUP_LTPA,
    params=_PARAMS,
    description="Imports Lightweight Third Party Authentication keys from a file and makes them the current keys.",
)
def import_ltpa_keys(ctx, target, params):
    cell = _cell_ltpa(ctx, "importLTPAKeys")
    path = params["ltpaKeyFile"]
    try:
        with open(path, "rb") as f:
            text = f.read().decode("latin-1")
    except OSError as e:
        raise ScriptingException(M.LTPA_NO_FILE % (path, e.strerror))
    try:
        cell.import_text(text, params["password"])
    except ltpa.LTPAError as e:
        raise ScriptingException(str(e))
    return None
