export * from './payment-adapter';
export * from './simulated-bank';
