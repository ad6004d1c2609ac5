# syntax=docker/dockerfile:1
# The API as JavaScript compiled from the sources, on Node 24, with production dependencies only
# (no tsx, no TypeScript, no embedded PostgreSQL: set DATABASE_URL), run by the unprivileged `node` user.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The compiler and its inputs only: no install script needs to run for that.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY domain ./domain
COPY application ./application
COPY adapters ./adapters
COPY bootstrap ./bootstrap
RUN node node_modules/typescript/bin/tsc -b tsconfig.build.json && rm dist/.tsbuildinfo

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; install scripts run as approved in package.json (allowScripts).
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
# The swatch cards (preview.png, export?format=png) are drawn by librsvg, which needs a font: without one
# every letter is an empty box. DejaVu is what the SVG asks for first.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# package.json says "type": "module" (dist/ is ES modules) and gives the version.
COPY package.json ./
COPY --from=build /app/dist ./dist
# `node dist/bootstrap/seed.js` (the compose seed service) reads the demo catalogue from here.
COPY bootstrap/seed_data.yaml ./bootstrap/seed_data.yaml
# The web pages' stylesheet, script and icon, served as they are (there is no front-end build).
COPY adapters/web/assets ./adapters/web/assets
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# As package.json's start script: a small young generation frees upload buffers promptly (see README).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=2", "dist/bootstrap/server.js"]
