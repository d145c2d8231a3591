import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const REVIEW_STRINGS = {} satisfies Record<string, LocalizedText>;
