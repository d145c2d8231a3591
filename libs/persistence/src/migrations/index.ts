import { Foundation1763712000000 } from './1763712000000-Foundation';
import { Lifecycle1763798400000 } from './1763798400000-Lifecycle';

/** In order of their timestamps; listed explicitly so the same list works under ts-jest and compiled. */
export const MIGRATIONS = [Foundation1763712000000, Lifecycle1763798400000];
