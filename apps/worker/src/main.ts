import 'reflect-metadata';
import { bootstrapWorker } from './worker';

bootstrapWorker().catch((err) => {
  console.error(err);
  process.exit(1);
});
