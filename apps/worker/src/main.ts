import 'reflect-metadata';
import { closeOnSignals } from '@app/config';
import { bootstrapWorker } from './worker';

const booting = bootstrapWorker();
closeOnSignals(booting, 'Worker');
booting.catch((err) => {
  console.error(err);
  process.exit(1);
});
