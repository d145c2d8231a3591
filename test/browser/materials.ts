import type { Page } from 'playwright-core';

/** A minimal, well-formed one-page PDF (the API reads the content, not only the declared type). */
export function tinyPdf(mark = 'doc'): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${mark}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Puts `name` into the Apply form's checklist slot and waits until the slot shows it. */
export async function putInSlot(
  page: Page,
  slot: string,
  name: string,
  content = tinyPdf(name),
): Promise<void> {
  const row = page.locator(`[data-testid="slot-${slot}"]`);
  await row
    .locator('[data-testid=slot-input]')
    .setInputFiles({ name, mimeType: 'application/pdf', buffer: content });
  await row.locator('[data-testid=slot-file]', { hasText: name }).waitFor();
}

/** Fills every required slot of the Apply form's materials checklist with a small PDF (ADR 0047). */
export async function fillRequiredMaterials(page: Page): Promise<void> {
  await page.locator('[data-testid=checklist]').waitFor();
  for (const slot of ['contract', 'business-licence', 'authenticity-pledge'])
    await putInSlot(page, slot, `${slot}.pdf`);
}
