import { dateProblem, isBusinessDate } from './calendar';
import { applicationChecklist, missingApplicationMaterials } from './materials';
import { Money, isAmountInput, normalizeAmountInput } from './money';
import { BEIJING_2023_2025 } from './programs';
import { validateProgramDefinition } from './program-validation';

describe('amounts typed with thousands separators', () => {
  it.each([
    ['5,000,000', '5000000'],
    ['5,000,000.00', '5000000.00'],
    ['1,234.5', '1234.5'],
    ['  12,345,678.90 ', '12345678.90'],
    ['5，000，000', '5000000'],
    ['999', '999'],
    ['5000000', '5000000'],
  ])('%j reads as %j and parses to the same money', (typed, canonical) => {
    expect(normalizeAmountInput(typed)).toBe(canonical);
    expect(Money.parse(normalizeAmountInput(typed)!).eq(Money.parse(canonical))).toBe(true);
  });

  it.each([
    '5,00,000',
    '50,00',
    ',500',
    '5,000,',
    '5,000.001',
    '05,000',
    '5 000',
    '-5,000',
    '1e6',
    '',
    'abc',
  ])('%j is not an amount', (typed) => {
    expect(normalizeAmountInput(typed)).toBeNull();
    expect(isAmountInput(typed)).toBe(false);
  });

  it('takes at most 13 integer digits with separators too', () => {
    expect(normalizeAmountInput('9,999,999,999,999.99')).toBe('9999999999999.99');
    expect(normalizeAmountInput('10,000,000,000,000')).toBeNull();
  });
});

describe('real dates', () => {
  it.each(['2025-02-30', '2023-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00'])(
    '%s is written right but does not exist',
    (d) => {
      expect(dateProblem(d)).toBe('not-exist');
      expect(isBusinessDate(d)).toBe(false);
    },
  );
  it.each(['2025/02/03', '2025-2-3', '20250203', '', '2025-02-03T00:00', 'tomorrow'])(
    '%j is not written YYYY-MM-DD',
    (d) => expect(dateProblem(d)).toBe('format'),
  );
  it.each(['2024-02-29', '2025-02-28', '2025-12-31'])('%s is a real date', (d) => {
    expect(dateProblem(d)).toBeNull();
  });
});

describe('materials checklist', () => {
  it('lists the applicant’s application-stage slots, and the required ones still empty', () => {
    expect(applicationChecklist(BEIJING_2023_2025).map((m) => m.code)).toEqual([
      'contract',
      'business-licence',
      'authenticity-pledge',
      'invoice',
    ]);
    expect(missingApplicationMaterials(BEIJING_2023_2025, ['contract']).map((m) => m.code)).toEqual([
      'business-licence',
      'authenticity-pledge',
    ]);
    expect(
      missingApplicationMaterials(BEIJING_2023_2025, ['contract', 'business-licence', 'authenticity-pledge']),
    ).toEqual([]);
  });

  it('the definition validator accepts the slots’ kinds and templates and names bad ones', () => {
    expect(validateProgramDefinition(JSON.parse(JSON.stringify(BEIJING_2023_2025)))).toEqual([]);
    const bad = JSON.parse(JSON.stringify(BEIJING_2023_2025));
    bad.materials[0].accepts = ['docx'];
    bad.materials[1].accepts = [];
    bad.materials[2].template = { filename: '../etc/passwd', paragraphs: [] };
    const fields = validateProgramDefinition(bad).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'materials[0].accepts[0]',
        'materials[1].accepts',
        'materials[2].template.filename',
        'materials[2].template.paragraphs',
      ]),
    );
  });
});
