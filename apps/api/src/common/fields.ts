import type { Type } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

/*
 * The answers' fields, written as a table: `class X extends Fields({ id: is.uuid, amount: is.money }) {}`.
 * The kinds (`is.uuid`, `is.money` …, in field-kinds.ts) say once how the published document shows a field and
 * what TypeScript type it has, so every answer that has an amount documents it the same way. The order of a
 * table is the order in the published document.
 */

/** How one field is published, and (as a type only) the value it holds. */
export class Field<Value, Optional extends boolean = false> {
  declare private readonly value?: Value;

  constructor(
    readonly options: ApiPropertyOptions,
    readonly isOptional: Optional,
  ) {}

  /** The same field with a description in the document. */
  about(description: string): Field<Value, Optional> {
    return new Field<Value, Optional>({ ...this.options, description }, this.isOptional);
  }

  /** The same field with an example value in the document. */
  eg(example: Value): Field<Value, Optional> {
    return new Field<Value, Optional>({ ...this.options, example }, this.isOptional);
  }

  /** The same field, left out of some answers. */
  optional(): Field<Value, true> {
    return new Field<Value, true>(this.options, true);
  }
}

/** A field described by its document options alone (the rare shapes no kind below covers). */
export function field<Value>(options: ApiPropertyOptions): Field<Value> {
  return new Field<Value>(options, false);
}

/** The document options of a list of a kind's values or of another answer's rows. */
export function listOptions(item: Type<unknown> | Field<unknown, boolean>): ApiPropertyOptions {
  return item instanceof Field
    ? ({ ...item.options, isArray: true } as ApiPropertyOptions)
    : { type: [item] };
}

/** What a table may hold: a kind, another answer's class, or a list of either (`[uuid]`, `[LineView]`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the value type is read back by ValueOf
type Spec = Field<any, boolean> | Type<unknown> | readonly [Field<any, boolean> | Type<unknown>];

type ValueOf<S> =
  S extends Field<infer Value, boolean>
    ? Value
    : S extends readonly [infer Item]
      ? ValueOf<Item>[]
      : S extends Type<infer Nested>
        ? Nested
        : never;

type OptionalNames<Table> = {
  [Name in keyof Table]: Table[Name] extends Field<unknown, true> ? Name : never;
}[keyof Table];

type ValuesOf<Table> = {
  -readonly [Name in Exclude<keyof Table, OptionalNames<Table>>]: ValueOf<Table[Name]>;
} & { -readonly [Name in OptionalNames<Table>]?: ValueOf<Table[Name]> };

function optionsOf(spec: Spec): ApiPropertyOptions {
  if (spec instanceof Field)
    return spec.isOptional ? ({ ...spec.options, required: false } as ApiPropertyOptions) : spec.options;
  if (typeof spec === 'function') return { type: spec };
  return listOptions(spec[0]);
}

/** An answer's fields as a table, on top of `base` (another answer, a mapped type) when one is given. */
export function Fields<const Table extends Record<string, Spec>>(table: Table): Type<ValuesOf<Table>>;
export function Fields<Base, const Table extends Record<string, Spec>>(
  base: Type<Base>,
  table: Table,
): Type<Base & ValuesOf<Table>>;
export function Fields(baseOrTable: Type<unknown> | Record<string, Spec>, table?: Record<string, Spec>) {
  const base = typeof baseOrTable === 'function' ? baseOrTable : class {};
  class WithFields extends (base as Type<object>) {}
  for (const [name, spec] of Object.entries(table ?? (baseOrTable as Record<string, Spec>))) {
    ApiProperty(optionsOf(spec))(WithFields.prototype, name);
  }
  return WithFields;
}
