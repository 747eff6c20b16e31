# Vigil: build with the official Swift image, run on a slim Debian with librdkafka and SQLite.
#   docker compose up --build        (see docker-compose.yml)
FROM swift:6.1-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends librdkafka-dev libsqlite3-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Resolve dependencies first so source edits do not refetch them.
COPY Package.swift ./
RUN swift package resolve
COPY . .
RUN swift build -c release --product vigil --static-swift-stdlib \
 && mkdir -p /out/topologies \
 && cp "$(swift build -c release --show-bin-path)/vigil" /out/vigil \
 && cp -r config /out/config \
 && if [ -d topologies ]; then cp -r topologies/. /out/topologies/; fi

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends librdkafka1 libsqlite3-0 ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app vigil
WORKDIR /app
COPY --from=build /out/vigil /usr/local/bin/vigil
COPY --from=build /out/config ./config
COPY --from=build /out/topologies ./topologies
RUN mkdir -p /app/.vigil && chown vigil /app/.vigil
USER vigil
# 9464: /metrics, /health, /ready (and /console when VIGIL_ADMIN_CONSOLE=true with VIGIL_ADMIN_TOKEN_FILE:
# bound to 0.0.0.0 the console refuses to start without a token, so the image turns it off by default)
ENV VIGIL_ADMIN_CONSOLE=false
EXPOSE 9464
ENTRYPOINT ["vigil"]
CMD ["run", "--config", "config/vigil.yml", "--admin-address", "0.0.0.0:9464"]
