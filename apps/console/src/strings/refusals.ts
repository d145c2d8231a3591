import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const REFUSALS_STRINGS = {
  /** The format of a date field, said in the screen's language. */
  dateHint: { zh: '年-月-日，如 2025-07-01', en: 'YYYY-MM-DD' },
  /** A history line whose action or actor has no label (never its key or id). */
  otherAction: { zh: '其他操作', en: 'Other action' },
  unknownActor: { zh: '其他用户', en: 'Another user' },
  networkError: {
    zh: '无法连接服务器，请检查网络后重试',
    en: 'The server cannot be reached; check the connection and try again',
  },
} satisfies Record<string, LocalizedText>;
