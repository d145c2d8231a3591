import { Money } from '@app/domain';
import { csvField, yuanCell } from './run-report.service';

describe('the run report at the file boundary', () => {
  it('writes an amount as the number its two-decimal string names, exact to the fen', () => {
    for (const s of ['0.01', '0.10', '307037.03', '15308.64', '99999999999.99', '9999999999999.99']) {
      const n = yuanCell(s);
      expect(typeof n).toBe('number');
      // Read back the way a spreadsheet shows it: the same decimal, the same fen.
      expect(Money.parse(String(n)).toString()).toBe(Money.parse(s).toString());
    }
  });

  it('refuses what is not an amount rather than guess a number', () => {
    expect(() => yuanCell('1e3')).toThrow();
    expect(() => yuanCell('12.345')).toThrow();
  });

  it('quotes what a spreadsheet would read as a formula, and fields with commas or quotes', () => {
    expect(csvField('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('北京, 海淀')).toBe('"北京, 海淀"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('200000.00')).toBe('200000.00');
  });
});
