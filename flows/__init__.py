"""Prefect flows: thin orchestration over transforms/ and warehouse/."""

from newsetl.settings import quiet_prefect_defaults

quiet_prefect_defaults()
