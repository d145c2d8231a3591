import 'reflect-metadata';
import { closeOnSignals } from '@app/config';
import { bootstrapWorker } from './worker';

bootstrapWorker()
  .then((app) => closeOnSignals(app, 'Worker'))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
