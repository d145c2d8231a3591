# One image for the API and the worker (the command picks which). Built by docker compose.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: see .ci/run (optional platform packages missing from the lock file).
RUN npm install --no-audit --no-fund --omit=optional
COPY . .
RUN npm run build && npm run console:build && npm prune --omit=dev --omit=optional

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A container's API must listen beyond its own loopback for a published port to reach it (default 127.0.0.1).
ENV API_HOST=0.0.0.0
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/console/dist ./apps/console/dist
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/scripts/register-paths.js ./scripts/register-paths.js
CMD ["node", "-r", "./scripts/register-paths.js", "dist/apps/api/src/main.js"]
