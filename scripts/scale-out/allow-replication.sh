#!/usr/bin/env bash
# docker-compose.yml: runs once when the db service's data folder is first made (docker-entrypoint-initdb.d), so the
# scale-out profile's standby can take its base backup and stream from the primary over the compose network.
set -euo pipefail
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
