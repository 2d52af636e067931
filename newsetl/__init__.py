"""newsetl: raw news-page dumps -> DuckDB tables, orchestrated by Prefect."""

from newsetl.settings import quiet_prefect_defaults

quiet_prefect_defaults()

__version__ = "0.1.0"
