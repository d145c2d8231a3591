import 'reflect-metadata';
import { loadEnv } from '@app/config';
import { createDataSource, migrate } from '../data-source';
import { seedDemo, seedReferenceData } from '../seed';

/**
 * `npm run db:seed`: migrate, then load the programs and the partner suppliers. With `--demo` (what
 * `npm start` passes) also the demo enterprises and users, whose password is public: refused in production.
 */
async function main() {
  const env = loadEnv();
  const demo = process.argv.includes('--demo');
  if (demo && env.NODE_ENV === 'production')
    throw new Error('--demo seeds known passwords: refused in production');
  const applied = await migrate(env);
  if (applied.length) console.log(`applied: ${applied.join(', ')}`);
  const db = await createDataSource(env).initialize();
  try {
    await (demo ? seedDemo(db) : seedReferenceData(db));
    console.log(demo ? 'reference and demo data seeded' : 'reference data seeded');
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
