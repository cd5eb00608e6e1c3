import { describe, expect, it } from 'vitest';
import { parseTopics, TOPICS } from './topics.js';

describe('topics', () => {
  it('ships the four topics of the issue, named in French and English', () => {
    expect(TOPICS.map((t) => t.id)).toEqual(['invest', 'skills', 'events', 'consular']);
    for (const topic of TOPICS) {
      expect(topic.fr.length).toBeGreaterThan(0);
      expect(topic.en.length).toBeGreaterThan(0);
      expect(Buffer.byteLength(`sub:toggle:${topic.id}`)).toBeLessThanOrEqual(64);
    }
  });

  it.each([
    [{ topics: [] }],
    [{ topics: [{ id: 'Bad Id', fr: 'a', en: 'b' }] }],
    [{ topics: [{ id: 'a', fr: 'a' }] }],
    [
      {
        topics: [
          { id: 'a', fr: 'a', en: 'a' },
          { id: 'a', fr: 'b', en: 'b' },
        ],
      },
    ],
    [{ topics: [{ id: 'x'.repeat(40), fr: 'a', en: 'b' }] }],
  ])('refuses an invalid topics file %#', (file) => {
    expect(() => parseTopics(file)).toThrow();
  });
});
