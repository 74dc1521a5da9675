# samlogg server image: built in one stage (better-sqlite3 compiles, the browser bundles are made),
# run in a slim one as a non-root user. The app runs TypeScript through tsx, as `npm start` does.
FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src ./src
COPY projections ./projections
COPY queries ./queries
COPY reference ./reference
COPY schema.graphql tsconfig.json ./
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:20-slim
ENV NODE_ENV=production PORT=4000 SAMLOGG_DATA_KEYS=/data/samlogg.keys
# The server listens on 127.0.0.1 unless told otherwise; in a container the port is published, so all interfaces.
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
VOLUME ["/data"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/server/main.ts"]
