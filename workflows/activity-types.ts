/**
 * The activity methods of an injectable activities class, for proxyActivities: keeps only the public
 * methods returning promises (constructor-injected fields are not activities).
 */
export type ActivitiesOf<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]: T[K];
};
