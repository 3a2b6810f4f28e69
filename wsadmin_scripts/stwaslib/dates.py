"""Calendar dates as (year, month, day) tuples: what the certificate jobs need from datetime (not on 2.1).

Tuples compare in date order; days_between counts days on the proleptic Gregorian calendar, as datetime does.
"""

import time

from stwaslib.compat import is_ascii_digits

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year, month):
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def make(year, month, day):
    """(year, month, day) after checking it is a real date; ValueError otherwise."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= days_in_month(year, month)):
        raise ValueError("no such date: %s-%s-%s" % (year, month, day))
    return (year, month, day)


def today():
    t = time.localtime(time.time())
    return (t[0], t[1], t[2])


def parse_iso(text):
    """(y, m, d) of 'YYYY-MM-DD' (ASCII digits); ValueError otherwise."""
    parts = (text or "").split("-")
    if len(parts) != 3:
        raise ValueError("not YYYY-MM-DD: %s" % text)
    for p in parts:
        if not is_ascii_digits(p):
            raise ValueError("not YYYY-MM-DD: %s" % text)
    return make(int(parts[0]), int(parts[1]), int(parts[2]))


def iso(date):
    """'YYYY-MM-DD' of a date; None for None."""
    if date is None:
        return None
    return "%04d-%02d-%02d" % date


def ordinal(date):
    """Days since 0001-01-01 (which is day 1), as date.toordinal()."""
    y, m, d = date
    before = y - 1
    n = before * 365 + int(before / 4) - int(before / 100) + int(before / 400)
    for month in range(1, m):
        n = n + days_in_month(y, month)
    return n + d


def days_between(earlier, later):
    """later - earlier in days (negative when later is before earlier)."""
    return ordinal(later) - ordinal(earlier)
