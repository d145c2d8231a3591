import type { Response } from 'express';
import { DOCUMENT_TYPES } from './document-upload';

/**
 * `attachment` with an ASCII fallback name for old clients and the exact name percent-encoded (RFC 6266 /
 * 8187). Anything that could end the header value, start a new header or reorder the displayed text is
 * replaced in the fallback and encoded in `filename*`, so even a name stored before names were checked is
 * harmless here.
 */
export function attachmentDisposition(filename: string): string {
  const fallback =
    filename
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]|["\\%/;]/g, '_')
      .trim() || 'download';
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * Headers for sending a stored document back: always a download (never rendered in the API's origin),
 * never content-sniffed by the browser, and the stored type only when it is one we accept.
 */
export function sendStoredDocument(res: Response, filename: string, contentType: string): void {
  res.setHeader(
    'Content-Type',
    DOCUMENT_TYPES.includes(contentType) ? contentType : 'application/octet-stream',
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', attachmentDisposition(filename));
}

/** Headers for a file the API generates (reports, lists): a download, never content-sniffed. */
export function sendGeneratedFile(res: Response, filename: string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Disposition', attachmentDisposition(filename));
}
