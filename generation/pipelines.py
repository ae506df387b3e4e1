"""Loaded pipelines, kept per worker process so a model is loaded once, not once per batch.

A GPU worker runs ``--pool=solo``: one process, which loads each pipeline the first time a job
needs it and keeps the ``GENERATION_PIPELINES_PER_WORKER`` most recently used ones (default 1, so
a worker serving several models of one family holds one at a time and does not run out of GPU
memory). Specs are keyed by their fingerprint: editing a contestant's spec loads it anew.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings

from modelhub.registry import ContestantSpec, GenerationPipeline, load_pipeline, release_memory


class _PipelineCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[str, GenerationPipeline] = OrderedDict()

    def get(self, spec: ContestantSpec) -> tuple[GenerationPipeline, float]:
        """The pipeline for ``spec`` and the seconds it took to load (0 when kept from before)."""
        key = spec.fingerprint()
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key], 0.0
            capacity = max(1, settings.GENERATION_PIPELINES_PER_WORKER)
            # Drop old ones first: the new model may need their memory.
            while len(self._entries) >= capacity:
                self._entries.popitem(last=False)
                release_memory()
            start = time.perf_counter()
            pipeline = load_pipeline(spec)
            self._entries[key] = pipeline
            return pipeline, time.perf_counter() - start

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
        release_memory()

    def __len__(self) -> int:
        return len(self._entries)


_cache = _PipelineCache()


def pipeline_for(spec: ContestantSpec) -> tuple[GenerationPipeline, float]:
    return _cache.get(spec)


def pipelines_clear() -> None:
    _cache.clear()


def pipelines_loaded() -> int:
    return len(_cache)
