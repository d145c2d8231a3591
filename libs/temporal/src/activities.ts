/**
 * The activity methods of an injectable activities class, for proxyActivities: keeps only the public
 * methods returning promises (constructor-injected fields are not activities).
 */
export type ActivitiesOf<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]: T[K];
};
/** The activity functions a Worker registers, taken from an injectable class's declared methods. */
export type ActivityFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * The names an activities class declares as its activities (`static readonly activities`), checked
 * against its promise-returning methods. Helpers, private or not, are simply not listed.
 */
export type ActivityNames<T> = readonly (keyof ActivitiesOf<T> & string)[];

interface DeclaringClass {
  readonly name: string;
  readonly activities?: readonly string[];
}

/**
 * Binds the declared activity methods of an activities class instance (its class's `static activities`
 * list), so Nest providers (with their injected repositories) become plain activity functions for the
 * Worker. Only what is declared is registered: a helper method never becomes an activity by accident.
 */
export function bindActivities(instance: object): ActivityFunctions {
  const cls = instance.constructor as DeclaringClass;
  const names = cls.activities;
  if (!Array.isArray(names) || names.length === 0) {
    throw new Error(`${cls.name} declares no activities (static readonly activities = [...])`);
  }
  const out: ActivityFunctions = {};
  for (const name of names) {
    const member = (instance as Record<string, unknown>)[name];
    if (typeof member !== 'function') throw new Error(`${cls.name}.${name} is declared but is not a method`);
    if (name in out) throw new Error(`${cls.name} declares ${name} twice`);
    out[name] = (member as (...a: never[]) => Promise<unknown>).bind(instance);
  }
  return out;
}

/** Merges several activity groups; a duplicate name is a programming error, not something to shadow. */
export function mergeActivities(...groups: ActivityFunctions[]): ActivityFunctions {
  const out: ActivityFunctions = {};
  for (const group of groups) {
    for (const [name, fn] of Object.entries(group)) {
      if (name in out) throw new Error(`activity name registered twice: ${name}`);
      out[name] = fn;
    }
  }
  return out;
}
