# ProEventa in a container: a Debian 12 build stage and a slim runtime stage with the one
# binary and the PostgreSQL 15 server programs for the embedded default, so a quick
#   docker run -p 8000:8000 proeventa
# works with no database of its own (data in the /var/lib/proeventa volume). Point DATABASE_URL
# at a real PostgreSQL for production (compose.yaml does). scripts/container-check.sh builds
# this file with Podman and checks the image.
FROM debian:12 AS build
ARG BUILD_JOBS=2
WORKDIR /src
# The build's packages come from the same list the project's own scripts use.
COPY scripts/install-deps.sh scripts/install-deps.sh
RUN apt-get update && DEBIAN_FRONTEND=noninteractive scripts/install-deps.sh \
    && rm -rf /var/lib/apt/lists/*
COPY . .
RUN cmake --preset release -DPROEVENTA_BUILD_TESTS=OFF \
    && cmake --build --preset release --parallel "${BUILD_JOBS}" \
    && strip build/release/app/proeventa

FROM debian:12-slim
# postgresql-15 for the embedded default, without the cluster its package would create;
# curl for the health check.
RUN mkdir -p /etc/postgresql-common \
    && echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf \
    && apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
         -o Dpkg::Options::=--force-confold \
         libboost-json1.81.0 libboost-url1.81.0 libpq5 libssl3 libargon2-1 zlib1g libqrencode4 libcurl4 \
         postgresql-15 curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/proeventa --create-home \
         --shell /usr/sbin/nologin proeventa
COPY --from=build /src/build/release/app/proeventa /usr/local/bin/proeventa
USER proeventa
WORKDIR /var/lib/proeventa
ENV PROEVENTA_HOST=0.0.0.0 PROEVENTA_PORT=8000 PROEVENTA_DATA_DIR=/var/lib/proeventa
EXPOSE 8000
VOLUME /var/lib/proeventa
# Liveness: /health answers 200 while the server and its database answer. Start-up (initdb of
# the embedded cluster on first run, migrations) gets a minute.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PROEVENTA_PORT}/health" || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/proeventa"]
CMD ["serve"]
