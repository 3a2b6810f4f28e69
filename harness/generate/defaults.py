"""The generated cell's defaults that the command line shows in its help: here, apart from the generator, so that
``python -m harness plan`` does not import the generator (jinja2, cryptography) to build its parser."""

DEFAULT_CELL = "stconsoleSSCCell1"
DEFAULT_DOMAIN = "example.com"
DEFAULT_SEED = 0
