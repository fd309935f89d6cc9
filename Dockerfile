# One image for the API and the worker (docker-compose.yml picks the command).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Unicode fonts for names in non-Latin scripts on PDF documents (Noto: OFL 1.1; Droid fallback: Apache 2.0).
RUN apt-get update \
  && apt-get install -y --no-install-recommends fonts-noto-core fonts-droid-fallback fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
USER node
EXPOSE 3000
# --max-semi-space-size=64 as in `npm run start:prod` (README, "Memory"); docker-compose.yml starts the worker alike.
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
