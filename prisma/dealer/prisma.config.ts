import "dotenv/config";
import { defineConfig } from "prisma/config";
import { cliAdapter } from "../pg-adapter-for-cli";

// `prisma generate` resolves env("DATABASE_URL") too and, when it is unset, falls back to downloading a
// native engine (unreachable offline). It never connects, so any well-formed URL will do for it.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => cliAdapter(),
  schema: "schema.prisma",
  migrations: { path: "migrations" },
});
