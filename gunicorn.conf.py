"""gunicorn for FINSAM Admin (`make serve`). Every setting can be overridden from the environment.

Threads (gthread): a worker serving a plan download still answers other pages on its other threads, and plan
renders run in the background worker anyway (django-tasks). The timeout covers the slowest request there is,
a large archived download over a slow connection, not a render.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
# Processes, threads and connections. A process runs Python on one core at a time (the GIL), and a kept-alive
# connection stays with the process that accepted it. With two processes and kept-alive connections, eight clients
# sometimes sat seven on one process while the other core idled (make bench-scale: the machine 4-41 % idle). So:
# - 2 x cores + 1 processes (gunicorn's own advice), 2 threads each;
# - no keep-alive and one shared socket: each request comes on a new connection;
# - a process accepts a connection only when one of its threads is free (worker_connections), so the request goes
#   to a process that can start on it at once rather than queue behind a busy one's threads.
# At eight connections on two cores the machine was then 0-1 % idle, against 4-8 % when a process accepted
# whatever came. Behind a TLS proxy the proxy keeps the browsers' connections alive; nginx opens a new
# connection to its upstream per request unless told otherwise.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 0))
# kept-alive connections (GUNICORN_KEEPALIVE > 0) wait beside the busy ones, so they need gunicorn's own room
worker_connections = 1000 if keepalive else threads
reuse_port = os.environ.get("GUNICORN_REUSE_PORT", "0") == "1"
max_requests = 2000  # a worker is replaced now and then, so no slow leak grows without bound
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "finsam.wsgi:application"
# gunicorn's runtime control socket lives in one place per user; several checkouts on one machine would take each
# other's, and nothing here uses it.
control_socket_disable = True


def post_worker_init(worker):
    """Freeze what the worker loaded at start (Django, the apps, their modules): it lives as long as the worker,
    and a full garbage collection no longer walks it. Measured on the 80 x 20 data: a full collection took 56 ms
    over 160 000 such objects, 2.5 ms after freezing, and none of the worker's threads answers while it runs,
    so it showed as the slowest requests at eight connections."""
    import gc

    gc.freeze()
