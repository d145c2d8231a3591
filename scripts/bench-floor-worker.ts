/*
 * The floor worker of `npm run bench`, in a process of its own as the real worker is: polls
 * BENCH_FLOOR_TASK_QUEUE on TEMPORAL_ADDRESS and runs only bench-floor.workflow.ts; stops on SIGTERM.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: ['SIGTERM', 'SIGINT'] });
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: process.env.BENCH_FLOOR_TASK_QUEUE ?? 'bench-floor',
    workflowsPath: require.resolve('./bench-floor.workflow'),
  });
  process.stdout.write('ready\n');
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
