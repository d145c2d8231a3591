import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';

/**
 * Workflow code is bundled by the SDK's webpack; our path aliases must resolve there too.
 * `root` is the folder holding workflows/ and libs/ (the repo root, or dist/).
 */
export function workflowBundleOptions(root: string): Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions'> {
  const alias = {
    '@app/domain': path.join(root, 'libs', 'domain', 'src'),
  };
  return {
    workflowsPath: path.join(root, 'workflows'),
    bundlerOptions: {
      webpackConfigHook: (config) => {
        config.resolve = config.resolve ?? {};
        config.resolve.alias = { ...(config.resolve.alias as Record<string, string>), ...alias };
        return config;
      },
    },
  };
}
