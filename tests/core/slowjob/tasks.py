import os
import time

from django_tasks import task


@task()
def slow() -> None:
    """Runs longer than its interval; writes when it starts and ends, so overlapping runs can be seen."""
    with open(os.environ["SLOWJOB_LOG"], "a") as log:
        log.write(f"{os.getpid()} start {time.time():.6f}\n")
        log.flush()
        time.sleep(float(os.environ["SLOWJOB_SECONDS"]))
        log.write(f"{os.getpid()} end {time.time():.6f}\n")


@task()
def slow_once() -> None:
    """Like ``slow``, but not declared rerunnable: a run its worker did not finish is marked failed."""
    slow.call()
