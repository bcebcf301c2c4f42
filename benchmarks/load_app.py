"""The application as the load-and-fault run serves it: gunicorn's `benchmarks.load_app:app`.

The settings come as JSON in MIPAS_LOAD_CONFIG (the database, the index, the indexer in
worker mode); benchmarks/load_fault.py writes them. Everything else is production's.
"""

import json
import os

from app import create_app

app = create_app(json.loads(os.environ["MIPAS_LOAD_CONFIG"]))
