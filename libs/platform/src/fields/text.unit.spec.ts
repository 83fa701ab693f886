import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsOptionalText, IsRequiredText } from '../validation/is-text.decorator';
import { characterCount, readOptionalText, readRequiredText, TextRule } from '@workbay/platform/fields';

const NAME: TextRule = { max: 5 };
const NOTE: TextRule = { max: 10, multiline: true };
const SORTED: TextRule = { max: 7, collapseSpaces: true };

class Named {
  @IsRequiredText(NAME) name!: unknown;
  @IsOptionalText(NOTE) note?: unknown;
}
const problems = (body: object) =>
  validateSync(plainToInstance(Named, body)).map((e) => [e.property, Object.values(e.constraints ?? {})[0]]);

describe('the text field rule', () => {
  it('reads a value trimmed, and blank as none', () => {
    expect(readRequiredText('  Asha ', NAME)).toEqual({ ok: true, text: 'Asha' });
    expect(readOptionalText(' \t ', NOTE)).toEqual({ ok: true, text: null });
    expect(readOptionalText(undefined, NOTE)).toEqual({ ok: true, text: null });
    expect(readOptionalText(null, NOTE)).toEqual({ ok: true, text: null });
  });

  it.each([['   '], [''], [undefined], [null]])('refuses %p where a text is required', (value) => {
    expect(readRequiredText(value, NAME)).toEqual({ ok: false, problem: 'must not be empty' });
  });

  it('refuses what is not a string', () => {
    expect(readOptionalText(42, NOTE)).toEqual({ ok: false, problem: 'must be text' });
    expect(readRequiredText(['Asha'], NAME)).toEqual({ ok: false, problem: 'must be text' });
  });

  it('counts characters after trimming, a surrogate pair as one', () => {
    expect(readRequiredText('  Asha!  ', NAME)).toEqual({ ok: true, text: 'Asha!' });
    expect(characterCount('😀😀😀😀😀')).toBe(5);
    expect(readRequiredText('😀😀😀😀😀', NAME)).toEqual({ ok: true, text: '😀😀😀😀😀' });
    expect(readRequiredText('Ashaaa', NAME)).toEqual({ ok: false, problem: 'must be at most 5 characters' });
  });

  it('collapses runs of white space when the rule says so, before counting', () => {
    expect(readRequiredText(' Rao    family ', SORTED)).toEqual({ ok: false, problem: 'must be at most 7 characters' });
    expect(readRequiredText('Rao  fam', SORTED)).toEqual({ ok: true, text: 'Rao fam' });
  });

  it.each(['A\tb', 'A\nb', 'A\u0007b', 'A\u007fb', 'A\u0085b', 'A\u2028b'])('refuses a control character or line break in one-line text: %j', (value) => {
    expect(readRequiredText(value, NAME)).toEqual({ ok: false, problem: 'must be one line without control characters' });
  });

  it('allows tab and line breaks in multi-line text, no other control character', () => {
    expect(readOptionalText('one\r\ntwo\tx', NOTE)).toEqual({ ok: true, text: 'one\r\ntwo\tx' });
    expect(readOptionalText('one\u001btwo', NOTE)).toEqual({ ok: false, problem: 'must not contain control characters other than tab and line breaks' });
  });

  it('refuses an unpaired surrogate, which UTF-8 cannot hold', () => {
    expect(readRequiredText('A\ud800', NAME)).toEqual({ ok: false, problem: 'must not contain unpaired UTF-16 surrogates' });
  });

  it('is the rule of the DTO decorators too, naming the field with the same problem', () => {
    expect(problems({ name: ' Asha ', note: '  ' })).toEqual([]);
    expect(problems({ name: '   ' })).toEqual([['name', 'name must not be empty']]);
    expect(problems({ name: '😀😀😀😀😀' })).toEqual([]);
    expect(problems({ name: 'Ashaaa' })).toEqual([['name', 'name must be at most 5 characters']]);
    expect(problems({ name: 'A\nb' })).toEqual([['name', 'name must be one line without control characters']]);
    expect(problems({ name: 'Asha', note: 'x'.repeat(11) })).toEqual([['note', 'note must be at most 10 characters']]);
  });
});
