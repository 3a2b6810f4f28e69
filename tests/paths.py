"""Where the tests' fixtures live: one home, so a plain clone (no ../shared) finds them all."""

import os

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)
# The real WAS 8.5.5.9 base profile (tests/fixtures/real/README.md says where it comes from).
REAL = os.path.join(TESTS, "fixtures", "real", "was855-base-linux")
REAL_CONFIG = os.path.join(REAL, "config")
REAL_PROFILE_TEMPLATES = os.path.join(REAL, "profileTemplates")
SAMPLE_CONFIG = os.path.join(ROOT, "samples", "sametime", "config")
