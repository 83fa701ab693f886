// Reads a PDF on stdin and writes its extracted text to stdout. A process of its own because
// pdf.js (inside pdf-parse) loads its worker by dynamic import, which Jest's VM refuses.
const { PDFParse } = require('pdf-parse');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    process.stdout.write((await parser.getText()).text);
  } finally {
    await parser.destroy();
  }
});
