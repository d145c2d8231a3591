import type { Type } from '@nestjs/common';
import { Field, field, listOptions } from './fields';

/*
 * The kinds of field an answer's table is written with, imported as a namespace: `id: is.uuid`,
 * `amount: is.money`, `status: is.oneOf(RUN_STATUSES)`, `voucher: is.nullable(VoucherView)`.
 */

export { field };

export const text = field<string>({ type: String });
export const numeric = field<number>({ type: Number });
export const flag = field<boolean>({ type: Boolean });
export const uuid = field<string>({ type: String, format: 'uuid' });
export const email = field<string>({ type: String, format: 'email' });
/** A calendar day, `YYYY-MM-DD`. */
export const day = field<string>({ type: String, format: 'date' });
/** A moment, ISO 8601 with its offset. */
export const instant = field<string>({ type: String, format: 'date-time' });
/** An amount of money in yuan: a decimal string with two places, never a JSON number. */
export const money = field<string>({ type: String, example: '1234.56' });

export const textOrNull = field<string | null>({ type: String, nullable: true });
export const numericOrNull = field<number | null>({ type: Number, nullable: true });
export const uuidOrNull = field<string | null>({ type: String, format: 'uuid', nullable: true });
export const dayOrNull = field<string | null>({ type: String, format: 'date', nullable: true });
export const instantOrNull = field<string | null>({ type: String, format: 'date-time', nullable: true });
export const moneyOrNull = field<string | null>({ type: String, nullable: true, example: '1234.56' });

/** A moment the service hands over as a Date (JSON sends it as ISO 8601), or null. */
export const timestampOrNull = field<Date | null>({ type: String, format: 'date-time', nullable: true });

/** A list of free-form objects (figures whose shape the console reads as it finds them). */
export const objectList = field<unknown[]>({ type: 'array', items: { type: 'object' } });

/** A free-form object (a stored definition, an audit entry's state), or null. */
export const freeFormOrNull = field<Record<string, unknown> | null>({
  type: 'object',
  additionalProperties: true,
  nullable: true,
});

/** One of a list of codes (a status, a role), typed as the plain string or number it is sent as. */
export function oneOf(values: readonly string[]): Field<string>;
export function oneOf(values: readonly number[]): Field<number>;
export function oneOf(values: readonly (string | number)[]): Field<string | number> {
  return field({ enum: [...values] });
}

/** One of a list of codes, or null. */
export function oneOfOrNull(values: readonly string[]): Field<string | null> {
  return field({ type: String, nullable: true, enum: [...values] });
}

/** A field that only ever holds these values, typed as exactly them. */
export function exactly<const Value extends string | boolean>(...values: Value[]): Field<Value> {
  return field({ enum: values });
}

/** Another answer nested in this one (written as a field to describe it or leave it optional). */
export function nested<Nested>(view: Type<Nested>): Field<Nested> {
  return field({ type: view });
}

/** A list of another answer's rows or of a kind (written as a field to describe it or leave it optional). */
export function listOf<Item>(item: Type<Item> | Field<Item>): Field<Item[]> {
  return field(listOptions(item));
}

/** Another answer nested in this one, or null. */
export function nullable<Nested>(view: Type<Nested>): Field<Nested | null> {
  return field({ type: view, nullable: true });
}
