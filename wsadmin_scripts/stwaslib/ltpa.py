"""The cell's LTPA key set group: is automatic key generation on, and when does it run (ltpa_keys, cell_doctor).

WebSphere keeps it in security.xml (sametime-operations.md 4.1, the real base profile and IBM's dmgr template):
the LTPA authentication mechanism names its key set group (LTPA.keySetGroup ->
<keySetGroups name="CellLTPAKeySetGroup" autoGenerate="..." wsSchedule="..."/>), whose schedule is a WSSchedule
(<wsSchedules name="LTPAKeySetGenerationSchedule" frequency="90" dayOfWeek="1" hour="22"/>: every `frequency`
days, on `dayOfWeek` (1 = Sunday) at `hour`). autoGenerate is false when absent (the metamodel's default; both
real files leave it so). With it on, WebSphere makes new LTPA keys at every scheduled run: keys shared with Domino
or another cell stop matching and single sign-on breaks until they are exported and imported again. IBM advises
turning it off when the keys are shared (tsec_sslmanagelptakeys). Read with a constant number of scripting calls.
Language level: docs/script-language.md (Jython 2.1, Jython 2.7 and CPython 3).
"""

from stwaslib.compat import contains, is_ascii_digits

DAYS = ("", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
FIX = (
    "turn automatic LTPA key generation off once the keys are shared with Domino or another cell: "
    "ltpa_keys.py --disable-auto-generate (console: Global security > LTPA > Key set groups > %s > "
    'uncheck "Automatically generate keys"); otherwise the next scheduled run makes new keys and Domino SSO '
    "fails until they are exported and imported into Domino again"
)


def cell_ltpa(job):
    """The id of the cell's LTPA authentication mechanism (security.xml of the cell), or None."""
    ids = job.list("LTPA")
    for i in ids:
        if contains(i, "|security.xml#"):
            return i
    return ids and ids[0] or None


def key_set_group(job):
    """{'id', 'name', 'auto_generate' (1/0), 'schedule': {'frequency', 'day', 'hour'} or None} of the cell's LTPA
    key set group, or None when security.xml names none."""
    ltpa = cell_ltpa(job)
    if ltpa is None:
        return None
    ksg = job.attr(ltpa, "keySetGroup")
    if not ksg:
        return None
    out = {
        "id": ksg,
        "name": job.attr(ksg, "name") or "?",
        "auto_generate": (job.attr(ksg, "autoGenerate") or "false").lower() == "true" and 1 or 0,
        "schedule": None,
    }
    sched = job.attr(ksg, "wsSchedule")
    if sched:
        out["schedule"] = {
            "frequency": job.attr(sched, "frequency"),
            "day": job.attr(sched, "dayOfWeek"),
            "hour": job.attr(sched, "hour"),
        }
    return out


def describe_schedule(schedule):
    """'every 90 days on Sunday at 22:00' (or '' without a schedule)."""
    if not schedule:
        return ""
    day = schedule.get("day") or ""
    if day and is_ascii_digits(day) and 0 < int(day) < len(DAYS):
        day = DAYS[int(day)]
    text = "every %s days" % (schedule.get("frequency") or "?")
    if day:
        text = text + " on %s" % day
    if schedule.get("hour"):
        text = text + " at %s:00" % schedule.get("hour")
    return text
