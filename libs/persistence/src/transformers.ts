import Decimal from 'decimal.js';
import { Money } from '@app/domain';
import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL `numeric` arrives from pg as a string; these keep it exact on the way in and out so a binary
 * float never holds an amount.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: Decimal | null | undefined) => (value == null ? value : value.toString()),
  from: (value: string | null) => (value == null ? value : new Decimal(value)),
};

/** `numeric(15,2)` ↔ Money (whole fen). */
export const moneyTransformer: ValueTransformer = {
  to: (value: Money | null | undefined) => (value == null ? value : value.toString()),
  from: (value: string | null) => (value == null ? value : Money.of(value)),
};

/** Money columns: numeric(15,2) through moneyTransformer. */
export const moneyColumn = {
  type: 'numeric' as const,
  precision: 15,
  scale: 2,
  transformer: moneyTransformer,
};
