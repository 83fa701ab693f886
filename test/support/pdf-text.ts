import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Response } from 'superagent';

/** The text a PDF reader extracts (pdf-parse), whitespace runs (tabs between cells, wrapped lines) as one space. */
export async function pdfText(pdf: Buffer): Promise<string> {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = await new Promise<string>((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text-extract.cjs')], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`pdf-parse failed: ${stderr || error.message}`)) : resolve(stdout));
    child.stdin!.end(pdf);
  });
  return text.replace(/\s+/g, ' ');
}

/** supertest keeps an unknown media type as text; a PDF must arrive as the bytes sent. */
export const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
