import os
from datetime import timedelta

from django.apps import AppConfig

from inklusio.core.extensions import PeriodicJob


class SlowJobConfig(AppConfig):
    name = "tests.core.slowjob"
    label = "slowjob"
    periodic_jobs = [
        PeriodicJob(
            "slowjob.slow", "tests.core.slowjob.tasks.slow", timedelta(seconds=float(os.environ["SLOWJOB_EVERY"]))
        )
    ]
