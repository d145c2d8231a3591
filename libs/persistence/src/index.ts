export * from './entities';
export * from './transformers';
export * from './data-source';
export * from './persistence.module';
export * from './seed';
export * from './audit';
export * from './clock';
export * from './password';
