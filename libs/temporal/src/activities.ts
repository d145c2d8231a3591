/**
 * The activity methods of an injectable activities class, for proxyActivities: keeps only the public
 * methods returning promises (constructor-injected fields are not activities).
 */
export type ActivitiesOf<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]: T[K];
};
/** The activity functions a Worker registers, taken from an injectable class's declared methods. */
export type ActivityFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/** The activity methods each class declares with `@Activity()`, in declaration order. */
const DECLARED = new WeakMap<object, string[]>();

/**
 * Declares a method of an injectable activities class as a Temporal activity (registered under the
 * method's name). Only declared methods are registered: a helper never becomes an activity by accident.
 */
export function Activity() {
  return <T extends (...args: never[]) => Promise<unknown>>(
    prototype: object,
    name: string,
    _descriptor: TypedPropertyDescriptor<T>,
  ): void => {
    const names = DECLARED.get(prototype) ?? [];
    if (names.includes(name)) throw new Error(`${prototype.constructor.name} declares ${name} twice`);
    DECLARED.set(prototype, [...names, name]);
  };
}

/**
 * Binds the `@Activity()` methods of an activities class instance, so Nest providers (with their injected
 * repositories) become plain activity functions for the Worker.
 */
export function bindActivities(instance: object): ActivityFunctions {
  const cls = instance.constructor as { name: string; activities?: unknown };
  if ('activities' in cls) {
    // The old declaration style: a static list is no longer read, so an activity listed there would
    // silently not be registered.
    throw new Error(`${cls.name} lists static activities: declare each with @Activity() instead`);
  }
  const names = DECLARED.get(Object.getPrototypeOf(instance) as object) ?? [];
  if (names.length === 0) throw new Error(`${cls.name} declares no activities (@Activity())`);
  const out: ActivityFunctions = {};
  for (const name of names) {
    const member = (instance as Record<string, unknown>)[name] as (...a: never[]) => Promise<unknown>;
    out[name] = member.bind(instance);
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
