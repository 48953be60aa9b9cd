// Demo data for the BPO database: `DATABASE_URL=… tsx prisma/bpo/seed.ts` (idempotent).
import { seedDemo } from "../../services/bpo-service/src/data-access/demo-seed";
import { createDb } from "../../services/bpo-service/src/data-access/prisma";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const db = createDb(url, { poolSize: 2 });
  try {
    await seedDemo(db);
  } finally {
    await db.$disconnect();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
