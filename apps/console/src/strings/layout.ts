import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const LAYOUT_STRINGS = {
  menu: { zh: '菜单', en: 'Menu' },
  closeMenu: { zh: '关闭菜单', en: 'Close menu' },
  mainNavigation: { zh: '主导航', en: 'Main navigation' },
} satisfies Record<string, LocalizedText>;
