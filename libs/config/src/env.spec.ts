import { ConfigError, loadEnv, requireJwtSecret } from './env';

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

  it('refuses the sandbox clock in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', SANDBOX_CLOCK: 'true' })).toThrow(
      /SANDBOX_CLOCK.*never allowed/,
    );
    expect(loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).SANDBOX_CLOCK).toBe(false);
  });

  it('has no token secret of its own: the API refuses to start without one, saying how to get one', () => {
    expect(loadEnv({}).JWT_SECRET).toBeUndefined();
    expect(() => requireJwtSecret(loadEnv({}))).toThrow(/JWT_SECRET is not set: `npm start` provisions/);
    expect(() => requireJwtSecret(loadEnv({ NODE_ENV: 'production' }))).toThrow(
      /JWT_SECRET is required in production.*openssl rand -hex 32/,
    );
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    const secret = 'f'.repeat(64);
    expect(requireJwtSecret(loadEnv({ NODE_ENV: 'production', JWT_SECRET: secret }))).toBe(secret);
  });

  it('refuses, in every mode, the secret that was once written in the source', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(() => loadEnv({ NODE_ENV, JWT_SECRET: 'development-only-secret-change-me-0123456789' })).toThrow(
        /published in the source code/,
      );
    }
  });

  it('listens on loopback unless told otherwise', () => {
    expect(loadEnv({}).API_HOST).toBe('127.0.0.1');
    expect(loadEnv({ API_HOST: '0.0.0.0' }).API_HOST).toBe('0.0.0.0');
    expect(() => loadEnv({ API_HOST: 'two words' })).toThrow(/API_HOST/);
  });
});
