export * from './env';
export * from './config.module';
export * from './shutdown';
export * from './local-secret';
