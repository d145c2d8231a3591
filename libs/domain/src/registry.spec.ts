import { isCreditCodeFormat } from './registry';

describe('isCreditCodeFormat', () => {
  it.each(['91110108MA01ABCD1X', '911101085106930001', '12100000400000456T'])('accepts %s', (code) => {
    expect(isCreditCodeFormat(code)).toBe(true);
  });

  it.each([
    ['too short', '91110108MA01ABCD1'],
    ['too long', '91110108MA01ABCD1XX'],
    ['letter O (not in the set)', '91110108MA01ABCDO1'],
    ['lower case', '91110108ma01abcd1x'],
    ['letters in the region code', '91AB0108MA01ABCD1X'],
    ['not a string', 91110108],
  ])('refuses %s', (_why, code) => {
    expect(isCreditCodeFormat(code)).toBe(false);
  });
});
