import { bindActivities, mergeActivities, type ActivityNames } from './activities';

class Steps {
  static readonly activities: ActivityNames<Steps> = ['pay', 'notify'];
  constructor(private readonly paid: string[]) {}
  async pay(id: string): Promise<string> {
    return this.record(id);
  }
  async notify(): Promise<number> {
    return this.paid.length;
  }
  /** A helper: must never be callable as an activity. */
  async record(id: string): Promise<string> {
    this.paid.push(id);
    return id;
  }
}

describe('bindActivities registers only the declared activity methods', () => {
  it('binds the declared methods to the instance and leaves helpers out', async () => {
    const paid: string[] = [];
    const bound = bindActivities(new Steps(paid));
    expect(Object.keys(bound).sort()).toEqual(['notify', 'pay']);
    await expect((bound.pay as Steps['pay'])('p-1')).resolves.toBe('p-1');
    await expect((bound.notify as Steps['notify'])()).resolves.toBe(1);
    expect(paid).toEqual(['p-1']);
  });

  it('refuses a class that declares nothing, a declared name that is not a method, a name twice', () => {
    class Undeclared {
      async step(): Promise<void> {}
    }
    expect(() => bindActivities(new Undeclared())).toThrow(/Undeclared declares no activities/);
    class Wrong {
      static readonly activities = ['missing'];
    }
    expect(() => bindActivities(new Wrong())).toThrow(/Wrong\.missing is declared but is not a method/);
    class Twice {
      static readonly activities = ['step', 'step'];
      async step(): Promise<void> {}
    }
    expect(() => bindActivities(new Twice())).toThrow(/declares step twice/);
  });

  it('mergeActivities refuses one name registered by two classes', () => {
    expect(() => mergeActivities(bindActivities(new Steps([])), bindActivities(new Steps([])))).toThrow(
      /registered twice: pay/,
    );
  });
});
