#!/usr/bin/env bash
# Back up MIPAS: the Whoosh search index, then the PostgreSQL database, into one folder.
#
#   deploy/backup.sh [BACKUP_DIR]      (default $BACKUP_DIR, else /var/backups/mipas)
#
# Run it in the project folder with the application's environment (DATABASE_URL and the
# rest, as the systemd units read them) and `flask` on PATH. Nothing needs to stop: the index
# is copied under its write lock, pg_dump reads one consistent snapshot. The index is taken
# first, so the database is the newer of the two: after a restore, `flask search check`
# indexes whatever changed between them (deploy/restore.sh runs it).
set -euo pipefail

backup_dir="${1:-${BACKUP_DIR:-/var/backups/mipas}}"
target="$backup_dir/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"
chmod 700 "$target"  # the dump holds members' addresses and posts

# pg_dump takes the libpq form of the address: postgresql://..., without "+psycopg".
database_url="${DATABASE_URL:?DATABASE_URL is not set}"
database_url="${database_url/postgresql+psycopg:/postgresql:}"

if [ "${SEARCH_BACKEND:-whoosh}" = "whoosh" ]; then
  flask --app wsgi search backup "$target/search-index.tar.gz"
fi
pg_dump --format=custom --no-owner --file="$target/mipas.dump" "$database_url"
echo "$target"
