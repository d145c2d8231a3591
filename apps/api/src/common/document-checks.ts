import { fromBuffer } from 'file-type';

/** The longest file name kept; a longer one is refused rather than cut (a cut name misleads the reader). */
export const FILENAME_MAX_CHARS = 255;

export interface DocumentProblem {
  code: 'MATERIAL_CONTENT_MISMATCH' | 'MATERIAL_FILENAME';
  message: { zh: string; en: string };
}

/**
 * Control characters (C0, DEL, C1: CR/LF would split a header or a CSV line) and the Unicode bidirectional
 * controls (U+202E makes "gpj.exe" read as "exe.jpg"), none of which belongs in a document's name.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The same on the name as multer hands it over, where 0x80–0x9f are only UTF-8 continuation bytes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_IN_RAW_NAME = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** The name as the upload handlers store it: multipart names arrive as latin1-decoded UTF-8 bytes. */
export function storedFilename(originalname: string): string {
  return Buffer.from(originalname, 'latin1').toString('utf8');
}

/** What is wrong with an uploaded file's name, or undefined when it may be stored as sent. */
export function filenameProblem(originalname: string): DocumentProblem | undefined {
  const name = storedFilename(originalname);
  if (UNSAFE_IN_RAW_NAME.test(originalname) || UNSAFE_IN_NAME.test(name)) {
    return {
      code: 'MATERIAL_FILENAME',
      message: {
        en: 'The file name contains line breaks, control or text-direction characters; rename the file',
        zh: '文件名含有换行、控制字符或文字方向控制符，请重命名后上传',
      },
    };
  }
  if (name.length > FILENAME_MAX_CHARS) {
    return {
      code: 'MATERIAL_FILENAME',
      message: {
        en: `The file name is ${name.length} characters long; at most ${FILENAME_MAX_CHARS} are allowed`,
        zh: `文件名过长（${name.length}个字符），最多${FILENAME_MAX_CHARS}个字符`,
      },
    };
  }
  return undefined;
}

/**
 * Whether the bytes are what the upload says they are: the type found from the content's magic bytes
 * (file-type) must be the declared type and one of `allowed`. HTML, scripts, executables or random bytes
 * sent as a PDF or an image are refused, so nothing stored can be rendered as something else.
 */
export async function contentProblem(
  content: Buffer,
  declared: string,
  allowed: readonly string[],
): Promise<DocumentProblem | undefined> {
  const found = await fromBuffer(content);
  if (found && found.mime === declared && allowed.includes(found.mime)) return undefined;
  const what = found ? found.mime : 'not a recognised document';
  return {
    code: 'MATERIAL_CONTENT_MISMATCH',
    message: {
      en: `The file's content does not match its declared type ${declared} (the content is ${what})`,
      zh: `文件内容与声明的类型（${declared}）不符，请上传真实的 PDF、PNG 或 JPEG 文件`,
    },
  };
}
