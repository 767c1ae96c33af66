import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { message } from '../../../platform/messages.ts';
import { loadPlaybooks, PLAYBOOK_DIR, parsePlaybook } from './load-playbooks.ts';
import { type Playbook, parseDueDuration } from './playbook-schema.ts';

const INCIDENT_TYPES_FILE = path.join(PLAYBOOK_DIR, '..', 'incident-types.json');
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

type Localised = { vi: string; en: string };
function localisedTexts(p: Playbook): Array<[string, Localised]> {
  return [
    ['title', p.title],
    ['summary', p.summary],
    ...p.tasks.flatMap(
      (t): Array<[string, Localised]> => [
        [`${t.key}.title`, t.title],
        [`${t.key}.description`, t.description],
        ...(t.checklist ?? []).map((c, i): [string, Localised] => [`${t.key}.checklist.${i}`, c]),
      ],
    ),
  ];
}

const playbooks = await loadPlaybooks();

describe('seeded incident playbooks', () => {
  it('loads every JSON file, one playbook per required incident kind', async () => {
    const files = (await fs.readdir(PLAYBOOK_DIR)).filter((n) => n.endsWith('.json'));
    expect(playbooks).toHaveLength(files.length);
    expect(playbooks.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'ransomware',
        'web-defacement',
        'ddos',
        'phishing',
        'malware',
        'account-takeover',
        'personal-data-leak',
      ]),
    );
    expect(new Set(playbooks.map((p) => p.id)).size).toBe(playbooks.length);
  });

  it('uses only incident type codes of the seeded type list, each type at most one playbook', async () => {
    const list = JSON.parse(await fs.readFile(INCIDENT_TYPES_FILE, 'utf8')) as { types: Array<{ code: string }> };
    const known = new Set(list.types.map((t) => t.code));
    const used = playbooks.flatMap((p) => p.incidentTypes);
    for (const code of used) expect(known, code).toContain(code);
    expect(new Set(used).size).toBe(used.length);
  });

  it.each(playbooks.map((p) => [p.id, p] as const))('%s has at least 8 tasks across the response steps', (_, p) => {
    expect(p.tasks.length).toBeGreaterThanOrEqual(8);
    expect(new Set(p.tasks.map((t) => t.key)).size).toBe(p.tasks.length);
    const phases = new Set(p.tasks.map((t) => t.phase));
    for (const phase of [
      'detection-analysis',
      'notification',
      'containment',
      'eradication',
      'recovery',
      'post-incident',
    ])
      expect(phases, phase).toContain(phase);
  });

  it.each(playbooks.map((p) => [p.id, p] as const))(
    '%s notifies owner, provincial CSIRT and national coordinator',
    (_, p) => {
      const recipients = new Set(p.tasks.filter((t) => t.phase === 'notification').flatMap((t) => t.notify ?? []));
      for (const r of ['system-owner', 'provincial-csirt', 'national-coordinator']) expect(recipients, r).toContain(r);
      expect(p.tasks.some((t) => t.requiresEvidence)).toBe(true);
      expect(p.tasks.some((t) => t.key === 'closing-report')).toBe(true);
    },
  );

  it.each(playbooks.map((p) => [p.id, p] as const))('%s has non-empty Vietnamese and English everywhere', (_, p) => {
    for (const [where, text] of localisedTexts(p)) {
      expect(text.vi.trim(), where).not.toBe('');
      expect(text.en.trim(), where).not.toBe('');
      expect(text.vi, where).not.toBe(text.en);
      expect(text.vi, `${where} has Vietnamese diacritics`).toMatch(VIETNAMESE_LETTER);
    }
  });

  it('every due time is a positive ISO 8601 duration', () => {
    const dues = playbooks.flatMap((p) => p.tasks.flatMap((t) => (t.due ? [t.due] : [])));
    expect(dues.length).toBeGreaterThan(0);
    for (const due of dues) expect(parseDueDuration(due), due).toBeGreaterThan(0);
  });

  it('the personal-data leak playbook asks to check the 72-hour notification under Decree 13/2023', () => {
    const leak = playbooks.find((p) => p.id === 'personal-data-leak');
    const duty = leak?.tasks.find((t) => t.notify?.includes('personal-data-authority'));
    expect(duty?.phase).toBe('notification');
    expect(duty?.due).toBe('PT72H');
    expect(duty?.description.vi).toMatch(/^Kiểm tra xem .*Nghị định 13\/2023\/NĐ-CP.*72 giờ/s);
    expect(duty?.description.en).toMatch(/^Check whether .*Decree 13\/2023\/NĐ-CP.*72 hours/s);
  });
});

describe('parseDueDuration', () => {
  it('reads weeks, days, hours and minutes', () => {
    expect(parseDueDuration('PT4H')).toBe(4 * 3_600_000);
    expect(parseDueDuration('PT72H')).toBe(72 * 3_600_000);
    expect(parseDueDuration('P5D')).toBe(5 * 86_400_000);
    expect(parseDueDuration('P1DT2H30M')).toBe(86_400_000 + 2.5 * 3_600_000);
    expect(parseDueDuration('P2W')).toBe(14 * 86_400_000);
  });

  it('refuses empty, zero, negative and calendar-dependent durations', () => {
    for (const bad of ['', 'P', 'PT', 'P1DT', 'PT0H', 'PT-1H', 'P1Y', 'P1M', 'PT1.5H', 'P1W2D', '4h', 'pt4h', ' PT4H'])
      expect(parseDueDuration(bad), bad).toBeNull();
  });
});

describe('loadPlaybooks', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
  });
  async function dirWith(files: Record<string, string>): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'playbooks-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
    return dir;
  }
  const valid = JSON.stringify(playbooks[0]);
  const id = playbooks[0]?.id ?? '';

  it('loads a directory of valid files and ignores other files', async () => {
    const dir = await dirWith({ [`${id}.json`]: valid, 'README.md': '# notes' });
    expect((await loadPlaybooks(dir)).map((p) => p.id)).toEqual([id]);
  });

  it('refuses a file whose name is not its id, naming the file', async () => {
    const dir = await dirWith({ 'copy.json': valid });
    await expect(loadPlaybooks(dir)).rejects.toMatchObject({ code: 'playbook_invalid', params: { file: 'copy.json' } });
  });

  it('refuses broken JSON and a playbook without a notification task with a localised error', () => {
    const noNotify = JSON.parse(valid) as Playbook;
    noNotify.tasks = noNotify.tasks.filter((t) => t.phase !== 'notification');
    for (const text of ['{"id":', JSON.stringify(noNotify)]) {
      let error: unknown;
      try {
        parsePlaybook(text, 'x.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      const { code, params } = error as AppError;
      expect(message(code, 'vi', params)).toMatch(/^Kịch bản ứng cứu sự cố "x\.json" không hợp lệ: /);
      expect(message(code, 'en', params)).toMatch(/^Incident response playbook "x\.json" is not valid: /);
    }
  });
});
