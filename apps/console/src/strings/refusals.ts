import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const REFUSALS_STRINGS = {
  networkError: {
    zh: '无法连接服务器，请检查网络后重试',
    en: 'The server cannot be reached; check the connection and try again',
  },
} satisfies Record<string, LocalizedText>;
