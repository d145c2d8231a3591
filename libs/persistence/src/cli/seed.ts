import 'reflect-metadata';
import { loadEnv } from '@app/config';
import { createDataSource, migrate } from '../data-source';
import { seedDemo } from '../seed';

/** `npm run db:seed`: migrate, then load the programs, partner suppliers and demo records. */
async function main() {
  const env = loadEnv();
  const applied = await migrate(env);
  if (applied.length) console.log(`applied: ${applied.join(', ')}`);
  const db = await createDataSource(env).initialize();
  try {
    await seedDemo(db);
    console.log('demo data seeded');
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
