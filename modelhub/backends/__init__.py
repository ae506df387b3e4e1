"""Backends of the model registry (``modelhub.registry.BACKENDS`` names them)."""
