import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';
import { Money, dateProblem, isBusinessDate, isMoneyString, normalizeAmountInput } from '@app/domain';

/**
 * Money on the wire: a string with at most two decimals, positive, and at most `max`. An amount typed with
 * thousands separators ("5,000,000.00") is read as the amount it says first, so every service receives the
 * canonical form (ADR 0047); anything else is left as sent for the check to refuse.
 */
export function IsMoneyAmount(max = '9999999999.99', options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    Transform(({ value }: { value: unknown }) => normalizeAmountInput(value) ?? value)(object, propertyName);
    registerDecorator({
      name: 'isMoneyAmount',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'string' &&
          isMoneyString(v) &&
          Money.parse(v).isPositive() &&
          Money.parse(v).lte(Money.parse(max)),
        defaultMessage: (args) =>
          `${args?.property} must be a positive amount as a string with at most two decimals, at most ${max} (e.g. "1234.50")`,
      },
    });
  };
}

/**
 * A real calendar date written YYYY-MM-DD. A date written right that does not exist (2025-02-30) fails as
 * isRealDate (IS_REAL_DATE, "日期不存在"), anything else as isBusinessDate, so the form says which.
 */
export function IsBusinessDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name: 'isBusinessDate',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => dateProblem(v) !== 'format',
        defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    });
    registerDecorator({
      name: 'isRealDate',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => dateProblem(v) !== 'not-exist',
        defaultMessage: (args) => `${args?.property} is a date that does not exist`,
      },
    });
  };
}

/** This date must not be before the sibling property `otherProperty`. */
export function IsNotBefore(otherProperty: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotBefore',
      target: object.constructor,
      propertyName,
      constraints: [otherProperty],
      options,
      validator: {
        validate: (v: unknown, args) => {
          const other = (args?.object as Record<string, unknown>)[otherProperty];
          return !isBusinessDate(v) || !isBusinessDate(other) || v >= other;
        },
        defaultMessage: (args) => `${args?.property} must not be before ${otherProperty}`,
      },
    });
}
