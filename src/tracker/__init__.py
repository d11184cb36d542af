"""tracker: follow the numbered pledges of intergovernmental declarations, one YAML file each."""

__version__ = "0.1.0"
