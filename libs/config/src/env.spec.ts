import { ConfigError, loadEnv } from './env';

describe('loadEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/compute_voucher');
    expect(env.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(env.PORT).toBe(3000);
    expect(env.SANDBOX_CLOCK).toBe(false);
    expect(env.REVIEW_DUE_WORKING_DAYS).toBe(5);
  });

  it('names every bad variable', () => {
    try {
      loadEnv({ DATABASE_URL: 'mysql://x', PORT: 'eighty', TEMPORAL_ADDRESS: 'nohost' });
      throw new Error('expected ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/TEMPORAL_ADDRESS/);
    }
  });

  it('refuses the sandbox clock and the development JWT secret in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', SANDBOX_CLOCK: 'true' })).toThrow(
      /SANDBOX_CLOCK.*never allowed/,
    );
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).SANDBOX_CLOCK).toBe(false);
  });
});
