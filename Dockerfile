# bistime-server in a Debian 12 image, built from this tree.
FROM debian:12 AS build
WORKDIR /src
COPY . .
RUN scripts/install-deps.sh build \
 && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBISTIME_BUILD_TESTS=OFF \
 && cmake --build build -j "$(nproc)" --target bistime-server

FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libsoci-core4.0 libsoci-sqlite3-4.0 libsoci-mysql4.0 libmariadb3 libsqlite3-0 \
      libsodium23 libdate-tz3 libical3 libicu72 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /var/lib/bistime --create-home bistime
COPY --from=build /src/build/app/bistime-server /usr/local/bin/bistime-server
USER bistime
WORKDIR /var/lib/bistime
EXPOSE 8080
ENV BISTIME_ADDRESS=0.0.0.0 BISTIME_PORT=8080 BISTIME_DB=sqlite:/var/lib/bistime/bistime.db
ENTRYPOINT ["/usr/local/bin/bistime-server"]
