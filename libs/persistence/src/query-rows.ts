/**
 * The rows of a raw `query()`: TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with
 * [rows, count] and SELECT/INSERT with rows. `rowsOf(res).length` is how many rows a conditional write hit.
 */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
