/**
 * VNI (the VNI-Windows font encoding, still found in mail from older offices): Vietnamese letters
 * written as a Latin-1 base letter followed by a Latin-1 "mark" character — "Vieät Nam" for
 * "Việt Nam". It reaches us as Latin-1 characters (bytes read as ISO-8859-1/windows-1252, or pasted
 * into a UTF-8 message). Detection is by density, never by a single character, and only for text
 * that holds nothing beyond Latin-1 (real Unicode Vietnamese always has ư, ơ, đ or ạ-like letters).
 */

const TONES = ['ù', 'ø', 'û', 'õ', 'ï'] as const; // sắc, huyền, hỏi, ngã, nặng
const HAT_TONES = ['á', 'à', 'å', 'ã', 'ä'] as const; // â/ê/ô with a tone
const BREVE_TONES = ['é', 'è', 'ú', 'ü', 'ë'] as const; // ă with a tone

/** base + mark → letter (lower case; upper case is derived). */
const PAIRS = new Map<string, string>();

function addSeries(base: string, marks: readonly string[], letters: string) {
  marks.forEach((m, i) => {
    PAIRS.set(base + m, letters[i] as string);
  });
}

addSeries('a', TONES, 'áàảãạ');
addSeries('a', ['â'], 'â');
addSeries('a', HAT_TONES, 'ấầẩẫậ');
addSeries('a', ['ê'], 'ă');
addSeries('a', BREVE_TONES, 'ắằẳẵặ');
addSeries('e', TONES, 'éèẻẽẹ');
addSeries('e', ['â'], 'ê');
addSeries('e', HAT_TONES, 'ếềểễệ');
addSeries('o', TONES, 'óòỏõọ');
addSeries('o', ['â'], 'ô');
addSeries('o', HAT_TONES, 'ốồổỗộ');
addSeries('u', TONES, 'úùủũụ');
addSeries('y', TONES.slice(0, 4), 'ýỳỷỹ');
addSeries('ô', TONES, 'ớờởỡợ'); // ô alone is ơ
addSeries('ö', TONES, 'ứừửữự'); // ö alone is ư

/** single characters that stand for a letter of their own */
const SINGLES = new Map<string, string>([
  ['ô', 'ơ'],
  ['ö', 'ư'],
  ['ñ', 'đ'],
  ['í', 'í'],
  ['ì', 'ì'],
  ['æ', 'ỉ'],
  ['ó', 'ĩ'],
  ['ò', 'ị'],
  ['î', 'ỵ'],
]);

for (const [k, v] of [...PAIRS]) PAIRS.set(k.toUpperCase(), v.toUpperCase());
for (const [k, v] of [...SINGLES]) SINGLES.set(k.toUpperCase(), v.toUpperCase());

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;
const LETTER = /\p{L}/gu;

/** How many base+mark pairs and đ/ư letters the text has, in VNI terms. */
function vniMarks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === 'ñ' || c === 'Ñ' || c === 'ö' || c === 'Ö') n++;
    else if (PAIRS.has(c + (text[i + 1] ?? ''))) {
      n++;
      i++;
    }
  }
  return n;
}

/** True when the text reads as VNI: only Latin-1, and VNI marks on at least 3 % of its letters (3 or more). */
export function looksLikeVni(text: string): boolean {
  if (BEYOND_LATIN1.test(text)) return false;
  const marks = vniMarks(text);
  if (marks < 3) return false;
  const letters = text.match(LETTER)?.length ?? 0;
  return marks / Math.max(letters, 1) >= 0.03;
}

/** VNI → Unicode (NFC). Characters that are not VNI stay as they are. */
export function vniToUnicode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    const pair = PAIRS.get(c + (text[i + 1] ?? ''));
    if (pair) {
      out += pair;
      i++;
      continue;
    }
    out += SINGLES.get(c) ?? c;
  }
  return out.normalize('NFC');
}
