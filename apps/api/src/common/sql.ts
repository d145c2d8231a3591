/** An ILIKE pattern matching `q` anywhere; % and _ typed by the user are literal. */
export function likePattern(q: string): string {
  return `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
