/** The activity functions a Worker registers, taken from an injectable class's own methods. */
export type ActivityFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Binds every method of an activities class instance, so Nest providers (with their injected
 * repositories) become plain activity functions for the Worker.
 */
export function bindActivities(instance: object): ActivityFunctions {
  const out: ActivityFunctions = {};
  const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const member = proto[name];
    if (name === 'constructor' || typeof member !== 'function') continue;
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
