/**
 * The one rule for a free-text field (issue #9 item 10): names, descriptions, notes, reasons. The
 * edge used to count the raw string (class-validator's Length: code points, spaces included) while
 * the deciders trimmed it and counted UTF-16 units, so '   ' passed a DTO and was refused later,
 * and 120 emoji passed `@Length(1, 120)` but not the decider's 120. Both now ask this module.
 *
 * A value is read trimmed; its length is counted in code points after trimming (what PostgreSQL's
 * length() counts). A one-line text refuses every control character, line and paragraph
 * separators included; a multi-line text allows tab, CR and LF. Unpaired surrogates cannot be
 * stored as UTF-8 and are refused too (the request structure check catches them at the edge).
 */
export interface TextRule {
  /** At most this many characters (code points) after trimming. */
  readonly max: number;
  /** Tabs and line breaks allowed: descriptions, notes, reasons. Names and codes are one line. */
  readonly multiline?: boolean;
  /** Runs of white space read as one space: names people compare and sort by. */
  readonly collapseSpaces?: boolean;
}

export const TEXT_REQUIRED_MESSAGE = 'must not be empty';

const ONE_LINE_FORBIDDEN = /[\p{Cc}\u2028\u2029]/u;
const MULTILINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextReading = { ok: true; text: string | null } | { ok: false; problem: string };

/** Characters as people and PostgreSQL count them: a surrogate pair is one. */
export const characterCount = (text: string): number => [...text].length;

/**
 * The text a raw value stands for: trimmed (and collapsed when the rule says so), null when
 * missing or blank; or the problem with it, phrased to follow the field's name.
 */
export function readOptionalText(raw: unknown, rule: TextRule): TextReading {
  if (raw === undefined || raw === null) return { ok: true, text: null };
  if (typeof raw !== 'string') return { ok: false, problem: 'must be text' };
  const trimmed = raw.trim();
  const text = rule.collapseSpaces ? trimmed.replace(/\s+/g, ' ') : trimmed;
  if (text === '') return { ok: true, text: null };
  if (UNPAIRED_SURROGATE.test(text)) return { ok: false, problem: 'must not contain unpaired UTF-16 surrogates' };
  if ((rule.multiline ? MULTILINE_FORBIDDEN : ONE_LINE_FORBIDDEN).test(text)) {
    return { ok: false, problem: rule.multiline ? 'must not contain control characters other than tab and line breaks' : 'must be one line without control characters' };
  }
  if (characterCount(text) > rule.max) return { ok: false, problem: `must be at most ${rule.max} characters` };
  return { ok: true, text };
}

/** As readOptionalText, but a missing or blank value is a problem. */
export function readRequiredText(raw: unknown, rule: TextRule): { ok: true; text: string } | { ok: false; problem: string } {
  const read = readOptionalText(raw, rule);
  if (!read.ok) return read;
  return read.text === null ? { ok: false, problem: TEXT_REQUIRED_MESSAGE } : { ok: true, text: read.text };
}
