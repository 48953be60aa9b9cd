# Three targets from one build (`docker compose up --build` builds them):
#   runtime (default): compiled services with production dependencies only, as the non-root `node` user;
#                      the command picks the service and role, e.g. services/dealer-service/dist/main.js worker
#   migrate:           the build stage (Prisma CLI, schemas, migrations); runs `prisma migrate deploy` for SCHEMA
#                      (bpo or dealer) on DATABASE_URL, as its own command before the processes start.
FROM node:20-bookworm-slim AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install -g pnpm@12.21.0
WORKDIR /src
COPY . .
# postinstall generates both Prisma clients and builds the two web apps (Vite).
RUN pnpm install --frozen-lockfile
# The build context has no .git: pass the commit so /readyz can report it (--build-arg GIT_COMMIT=$(git rev-parse --short HEAD)).
ARG GIT_COMMIT=unknown
RUN GIT_COMMIT=$GIT_COMMIT pnpm build
# The runtime tree mirrors the repository's layout, so each bundle finds its web app at the default path.
RUN for s in bpo dealer; do \
      pnpm --filter "@crm/$s-service" deploy --prod "/out/services/$s-service" && \
      mkdir -p "/out/apps/$s-web" && cp -r "apps/$s-web/dist" "/out/apps/$s-web/dist" || exit 1; \
    done

FROM build AS migrate
ENV SCHEMA=bpo
CMD ["sh", "-c", "exec node_modules/.bin/prisma migrate deploy --config prisma/$SCHEMA/prisma.config.ts"]

FROM node:20-bookworm-slim AS runtime
# MALLOC_ARENA_MAX=1 (as `pnpm start:*`): glibc malloc keeps one arena instead of one per busy thread, so what V8's
# background threads and the libuv pool allocate and free is not kept in arenas of its own (idle RSS about -10 MB
# per process, and steadier; README, Performance).
ENV NODE_ENV=production MALLOC_ARENA_MAX=1
WORKDIR /app
COPY --from=build --chown=root:root /out /app
USER node
EXPOSE 4000
# API roles only: worker containers turn it off (compose `healthcheck: disable: true`).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM reaches node directly (exec form): the service drains and exits within SHUTDOWN_GRACE_MS.
# V8 heap flags as `pnpm start:bpo`: a 4 MB young generation and old-generation growth by 20% per GC keep idle RSS
# near --optimize-for-size's without its CPU (that flag cost 2.3x the CPU per request; README, Performance).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=4", "--heap-growing-percent=20", "services/bpo-service/dist/main.js", "start"]
