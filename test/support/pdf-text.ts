import { execFile } from 'node:child_process';
import { join } from 'node:path';

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
