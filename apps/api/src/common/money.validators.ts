import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Money, isBusinessDate, isMoneyString } from '@app/domain';

/** Money on the wire: a string with at most two decimals, positive, and at most `max`. */
export function IsMoneyAmount(max = '9999999999.99', options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
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
}

/** A real calendar date written YYYY-MM-DD. */
export function IsBusinessDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isBusinessDate',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (v: unknown) => isBusinessDate(v),
        defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    });
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
