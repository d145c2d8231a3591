import { getProgram } from './programs';
import { parseCsv, readSimulationTable, simulateProgram } from './simulator';

const BEIJING = getProgram('beijing-ai-compute-2023');

const CSV = [
  'contractNumber,enterprise,supplierCode,signedOn,startDate,endDate,computeAmount,otherAmount,applicationDomain',
  'C1,甲公司,baidu,2025-01-10,2025-01-10,2025-12-31,"1,000,000.00",5000.00,medical',
  'C2,甲公司,baidu,2025-02-01,2025-02-01,2026-01-31,"9,000,000.00",,medical',
  'C3,乙公司,nobody,2025-03-01,2025-03-01,2025-12-31,100000.00,,finance',
  'C4,乙公司,baidu,2025-03-01,2025-03-01,2025-12-31,oops,,finance',
  '',
].join('\r\n');

describe('policy simulator', () => {
  it('reads a CSV with quotes, Chinese headers or English ones, and names every bad cell', () => {
    expect(parseCsv('a,"b ""x"", y"\n1,2\n\n')).toEqual([
      ['a', 'b "x", y'],
      ['1', '2'],
    ]);
    const table = readSimulationTable(parseCsv(CSV));
    expect(table.headerErrors).toEqual([]);
    expect(table.rows).toHaveLength(3);
    expect(table.rowErrors).toEqual([
      {
        rowNo: 4,
        errors: [
          {
            field: 'computeAmount',
            message: expect.any(String),
            localized: { zh: '须为金额（如 10000.00）', en: expect.any(String) },
          },
        ],
      },
    ]);
    expect(readSimulationTable([['合同编号', '企业', 'colour']]).headerErrors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'colour', message: 'unknown column' }),
        {
          field: 'signedOn',
          message: 'column missing',
          localized: { zh: '缺少该列', en: 'column missing' },
        },
      ]),
    );
  });

  it('runs each row through the checks and the amounts, the yearly cap accumulating per enterprise', () => {
    const { rows } = readSimulationTable(parseCsv(CSV));
    const { rows: out, totals } = simulateProgram(BEIJING, rows);
    // C1: 20% of the compute line only (storage/other excluded), whole term inside the plan.
    expect(out[0]).toMatchObject({ eligible: true, eligibleAmount: '1000000.00', faceValue: '200000.00' });
    // C2: 334 of 365 days inside the plan; 20% = 1,649,424.65 within the 1,800,000.00 left this year.
    expect(out[1]).toMatchObject({ eligible: true, eligibleAmount: '8235616.43', faceValue: '1647123.28' });
    expect(out[2]).toMatchObject({ eligible: false, refusalCode: 'SUPPLIER_NOT_PARTNER', faceValue: '0.00' });
    expect(out[2].checks.find((c) => c.rule === 'supplier.partner')?.passed).toBe(false);
    expect(totals).toMatchObject({
      rows: 3,
      eligible: 2,
      refused: 1,
      totalFaceValue: '1847123.28',
      budget: null,
      byRefusal: { SUPPLIER_NOT_PARTNER: 1 },
    });
  });

  it('stops a second voucher at the yearly cap and counts what the pool covers', () => {
    const rows = readSimulationTable(
      parseCsv(
        [
          'contractNumber,enterprise,supplierCode,signedOn,startDate,endDate,computeAmount',
          'A,丙公司,baidu,2025-01-01,2025-01-01,2025-12-31,9000000.00',
          'B,丙公司,baidu,2025-02-01,2025-02-01,2025-12-31,9000000.00',
          'C,丙公司,baidu,2025-03-01,2025-03-01,2025-12-31,1000.00',
        ].join('\n'),
      ),
    ).rows;
    const pooled = { ...BEIJING, budgetPoolTotal: '2500000.00' };
    const { rows: out, totals } = simulateProgram(pooled, rows);
    expect(out.map((r) => r.faceValue)).toEqual(['1800000.00', '200000.00', '0.00']);
    expect(out[1].limitedByYearlyCap).toBe(true);
    expect(out[2].refusalCode).toBe('YEARLY_CAP_EXHAUSTED');
    expect(totals).toMatchObject({
      totalFaceValue: '2000000.00',
      budget: '2500000.00',
      budgetLeft: '500000.00',
    });
    const tight = simulateProgram({ ...BEIJING, budgetPoolTotal: '1900000.00' }, rows);
    expect(tight.rows.map((r) => r.fundedByPool)).toEqual(['1800000.00', '100000.00', '0.00']);
    expect(tight.totals).toMatchObject({
      budgetLeft: '-100000.00',
      fundedByPool: '1900000.00',
      rowsOverBudget: 1,
    });
  });
});
