import { describe, expect, it } from 'vitest';
import { checkKnowledge } from './check.js';
import { BROKEN_DIR, GOOD_DIR, KNOWLEDGE_DIR } from './fixtures/artifact.js';
import { loadKnowledge } from './loader.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('kb:check', () => {
  it('reports every kind of error of a broken knowledge folder', async () => {
    const report = checkKnowledge(await loadKnowledge(BROKEN_DIR), NOW);

    const errors = report.errors.join('\n');
    expect(errors).toMatch(/no-summary\.fr\.md: front matter: summary/);
    expect(errors).toMatch(/lonely: missing the en translation/);
    expect(errors).toMatch(/bad-source\.fr\.md: unknown source "Office imaginaire des passeports"/);
    expect(errors).toMatch(/wrong-name\.en\.md: id\/lang \(other-id\.en\) do not match the file name/);
    expect(report.warnings).toEqual([
      'old.en.md: not reviewed since 2020-01-01 (over a year)',
      'old.fr.md: not reviewed since 2020-01-01 (over a year)',
    ]);
  });

  it('rejects a duplicate id+lang', async () => {
    const loaded = await loadKnowledge(GOOD_DIR);
    const copy = { ...loaded.entries[0]!, file: 'copy.md' };

    const report = checkKnowledge({ ...loaded, entries: [...loaded.entries, copy] }, NOW);

    expect(report.errors).toEqual([
      expect.stringMatching(/^copy\.md: duplicate id\+lang call-for-projects\.en/),
    ]);
  });

  it('passes the fixture base, warning only about its expired entry', async () => {
    const report = checkKnowledge(await loadKnowledge(GOOD_DIR), NOW);

    expect(report.errors).toEqual([]);
    expect(report.warnings.every((w) => w.includes('valid_until'))).toBe(true);
  });

  it('passes the real knowledge/ folder, with every required topic in French and English', async () => {
    const loaded = await loadKnowledge(KNOWLEDGE_DIR);
    const report = checkKnowledge(loaded, Date.now());

    expect(report.errors).toEqual([]);
    const ids = new Set(loaded.entries.map((e) => `${e.id}.${e.lang}`));
    for (const id of REQUIRED) {
      expect(ids.has(`${id}.fr`) && ids.has(`${id}.en`), id).toBe(true);
    }
  });
});

const REQUIRED = [
  'about-assistant',
  'diaspora-engagement-project',
  'kpalime-workshop-2024',
  'foreign-affairs-policy-2025',
  'ministry-togolese-abroad',
  'mcc-compact',
  'eu-giz-digital-transformation',
  'digital-skills-training',
  'togo-kazakhstan-cooperation',
  'invest-in-togo',
  'adetikope-industrial-platform',
  'start-a-business',
  'skills-transfer',
  'register-interest',
  'lead-status',
  'talk-to-an-officer',
  'news-subscriptions',
  'consular-services',
  'money-transfers',
  'return-and-resettlement',
  'data-protection',
];
