from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: the benchmark and its dataset, backup and restore. No models, no pages."""

    name = "ops"
    verbose_name = "Operations"
