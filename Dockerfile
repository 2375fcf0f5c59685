# The sluice image: one compiled binary on a small Debian.
#
#   docker build -t sluice .
#   docker run --rm -v "$PWD/samples:/pipelines:ro" -p 4040:4040 -e SLUICE_ADMIN_TOKEN=change-me sluice \
#     run /pipelines/01-basic-streaming/pipeline.ts --admin-port 4040 --admin-host 0.0.0.0
#
# The build stage installs from the lockfile with the Bun pinned there (npm ci, as CI does) and
# builds with the very command CI uses (npm run build -> scripts/build.ts), so a Dockerfile that
# no longer builds shows up as a broken CI build. tests/docker/dockerfile.test.ts checks that.

FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/sluice sluice
COPY --from=build /src/dist/sluice /usr/local/bin/sluice
USER sluice
WORKDIR /home/sluice
# The admin API (sluice run --admin-port 4040 --admin-host 0.0.0.0: inside a container the default
# 127.0.0.1 cannot be reached from outside; any other address needs SLUICE_ADMIN_TOKEN).
EXPOSE 4040
ENTRYPOINT ["sluice"]
CMD ["--help"]
