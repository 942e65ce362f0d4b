import os
from datetime import timedelta

from django.apps import AppConfig

from inklusio.core.extensions import PeriodicJob


class SlowJobConfig(AppConfig):
    name = "tests.core.slowjob"
    label = "slowjob"
    rerunnable_tasks = ["tests.core.slowjob.tasks.slow"]  # slow_once is not: a dead worker's run of it fails
    periodic_jobs = [
        PeriodicJob(
            "slowjob.slow", "tests.core.slowjob.tasks.slow", timedelta(seconds=float(os.environ["SLOWJOB_EVERY"]))
        )
    ]
