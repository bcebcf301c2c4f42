#!/usr/bin/env bash
# Restore MIPAS from a folder that deploy/backup.sh wrote.
#
#   deploy/restore.sh /var/backups/mipas/20261204T030000Z
#
# Stop the web workers and the search worker first (systemctl stop mipas-web mipas-search
# mipas-rq), and start them again afterwards. Run it in the project folder with the
# application's environment and `flask` on PATH.
#
# The index goes back first, with plain tar: any `flask` command that finds no index builds
# one from the database, which takes minutes on a large site. The database is then restored
# over the one DATABASE_URL names (its tables are dropped and made again), and
# `flask search check` indexes what changed between the index's backup and the database's.
set -euo pipefail

source_dir="${1:?give the backup folder}"
database_url="${DATABASE_URL:?DATABASE_URL is not set}"
database_url="${database_url/postgresql+psycopg:/postgresql:}"

if [ -f "$source_dir/search-index.tar.gz" ]; then
  index_dir="${SEARCH_INDEX_DIR:-instance/search-index}"
  rm -rf "$index_dir.restoring"
  mkdir -p "$index_dir.restoring"
  tar -xzf "$source_dir/search-index.tar.gz" -C "$index_dir.restoring"
  if [ -e "$index_dir" ]; then
    mv "$index_dir" "$index_dir.replaced-$(date -u +%Y%m%dT%H%M%SZ)"
  fi
  mv "$index_dir.restoring" "$index_dir"
fi
pg_restore --clean --if-exists --no-owner --single-transaction \
  --dbname="$database_url" "$source_dir/mipas.dump"
flask --app wsgi db upgrade  # a backup made by older code is brought up to date
flask --app wsgi search check
