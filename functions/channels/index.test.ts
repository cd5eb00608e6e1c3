import { describe, expect, it } from 'vitest';
import { CHANNEL_ADAPTERS } from './index.js';
import { CHANNEL_INTAKES } from './intake.js';

describe('the channel lists', () => {
  it('list the same channels, once each, in the same order', () => {
    const ids = CHANNEL_ADAPTERS.map((a) => a.id);
    expect(CHANNEL_INTAKES.map((i) => i.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CHANNEL_INTAKES.map((i) => i.path)).size).toBe(ids.length);
  });
});
