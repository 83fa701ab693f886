import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DejaVu Sans, vendored in libs/shop/assets/fonts: pdfkit's built-in Helvetica has no rupee sign
 * and no glyphs beyond Latin-1, so "₹" and names such as "Zoë Ñúñez" or "Ãnand" would print as
 * garbage. `npm run build` copies the assets beside the compiled code, so the same relative path
 * serves libs/shop/src/documents and dist/libs/shop/src/documents.
 */
const FONT_DIR = join(__dirname, '..', '..', 'assets', 'fonts');

export const DOCUMENT_FONTS = {
  regular: join(FONT_DIR, 'DejaVuSans.ttf'),
  bold: join(FONT_DIR, 'DejaVuSans-Bold.ttf'),
} as const;

/** Fails at start-up, not on a customer's first PDF, when a build left the fonts behind. */
export function assertDocumentFonts(): void {
  const missing = Object.values(DOCUMENT_FONTS).filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`document fonts missing: ${missing.join(', ')} (npm run build copies libs/shop/assets)`);
}
