# One image for every process of the workspace; the command picks the service and role.
FROM node:20-bookworm-slim
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=true
RUN npm install -g pnpm@12.21.0
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
USER node
EXPOSE 4000
CMD ["node_modules/.bin/tsx", "services/bpo-service/src/main.ts", "start"]
