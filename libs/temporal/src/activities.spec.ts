import { Activity, bindActivities, mergeActivities } from './activities';

class Steps {
  constructor(private readonly paid: string[]) {}
  @Activity()
  async pay(id: string): Promise<string> {
    return this.record(id);
  }
  @Activity()
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

  it('refuses a class that declares nothing, and one still listing static activities', () => {
    class Undeclared {
      async step(): Promise<void> {}
    }
    expect(() => bindActivities(new Undeclared())).toThrow(/Undeclared declares no activities/);
    class Listed {
      static readonly activities = ['step'];
      @Activity()
      async step(): Promise<void> {}
    }
    expect(() => bindActivities(new Listed())).toThrow(/Listed lists static activities/);
  });

  it('mergeActivities refuses one name registered by two classes', () => {
    expect(() => mergeActivities(bindActivities(new Steps([])), bindActivities(new Steps([])))).toThrow(
      /registered twice: pay/,
    );
  });
});
