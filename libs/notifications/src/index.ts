export * from './notification-input';
export * from './format';
export * from './templates';
export * from './notifier';
export * from './notifications.module';
export * from './review-digest';
