# ProEventa in a container: a Debian 12 build stage and a slim runtime stage with the one
# binary and the PostgreSQL server binaries for the embedded default (use DATABASE_URL to point
# at an external database instead).
FROM debian:12 AS build
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
      libpq-dev libssl-dev libargon2-dev libcrypt-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake --preset release -DPROEVENTA_BUILD_TESTS=OFF && cmake --build --preset release

FROM debian:12-slim
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libboost-json1.81.0 libboost-url1.81.0 libpq5 libssl3 libargon2-1 postgresql-15 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/proeventa --create-home proeventa
COPY --from=build /src/build/release/app/proeventa /usr/local/bin/proeventa
USER proeventa
WORKDIR /var/lib/proeventa
ENV PROEVENTA_HOST=0.0.0.0 PROEVENTA_DATA_DIR=/var/lib/proeventa
EXPOSE 8000
VOLUME /var/lib/proeventa
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/proeventa"]
CMD ["serve"]
