"""Prefect flows: the job's outline over a Prefect-free run service, plus deployments."""
