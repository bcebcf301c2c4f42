"""gunicorn's settings for MIPAS, each with its reason (docs/DEPLOYMENT.md shows the whole set-up).

Started in the project folder, `gunicorn wsgi:app` reads this file by itself; elsewhere give it
with `-c /path/to/gunicorn.conf.py`. Settings that differ between machines come from the
environment (the same file the systemd units read): MIPAS_BIND and WEB_CONCURRENCY.
"""

import os

# Loopback only: nginx or Caddy in front terminates TLS, buffers slow clients and serves
# /static/. Set PROXY_HOPS=1 for the app, so that it reads the client's address and scheme
# from the proxy's X-Forwarded-For and X-Forwarded-Proto.
bind = os.environ.get("MIPAS_BIND", "127.0.0.1:8000")

# Worker processes. MIPAS pages are CPU-bound (templates; Markdown is rendered when saved, not
# per request) and wait little on the database, so about one worker per core: more add memory
# (about 100 MB each, docs/PERFORMANCE.md) rather than speed. The default is this machine's 2.
# `flask mipas doctor` reads the same variable.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# Synchronous workers, one request at a time each: the proxy in front buffers requests and
# responses, so a slow phone on a bad connection does not hold a worker.
worker_class = "sync"

# A worker that has not answered for 30 s is killed and replaced. No page should come near
# it: searches stop at SEARCH_TIME_LIMIT (0.25 s), the slowest page (a member's data
# download) takes about a second. A request that does hit it gets a 502 from the proxy.
timeout = 30

# On a restart or reload, a worker gets this long to finish the request it is serving.
graceful_timeout = 30

# Seconds to keep an idle connection from the proxy open for its next request.
keepalive = 5

# Replace each worker after about 1,000 requests: caches that grow (formatted dates, Whoosh
# searchers) and any slow leak are let go. The jitter keeps the workers from being replaced
# all at once.
max_requests = 1000
max_requests_jitter = 100

# Each worker imports and creates the application itself, after the fork: database
# connections and the open search index must never be shared between processes.
preload_app = False

# gunicorn's access log would write each client's IP address and full query string. The
# application writes its own line per request with no personal data (app/access_log.py), to
# the error log stream; this keeps gunicorn's off.
accesslog = None
errorlog = "-"
loglevel = "info"

# The workers' heartbeat files in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's own

# gunicorn 27's control socket (in the home folder, one per user) is not used: systemd
# starts, reloads and stops the process; two servers on one machine would share the socket.
control_socket_disable = True

# Requests larger than this are refused before the application sees them.
limit_request_line = 8190
limit_request_fields = 100


def when_ready(server):
    """Say at start-up what `flask mipas doctor` would: SQLite, no Redis (each worker keeping
    its own rate limits), or the embedded indexer with several workers."""
    from app import FEATURE_SETTINGS
    from app.doctor import Level, startup_findings

    for finding in startup_findings(server.cfg.workers, FEATURE_SETTINGS):
        if finding.level is not Level.OK:
            server.log.warning("MIPAS %s: %s", finding.subject, finding.text)
