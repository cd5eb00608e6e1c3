import { describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/helpers/store.js';
import { loadConfig } from '../../core/config.js';
import { budgetDay, llmBudgetFromConfig, tryConsumeLlmBudget } from './llm-budget.js';

const T0 = Date.parse('2026-11-22T23:59:00Z');

describe('tryConsumeLlmBudget', () => {
  it('grants a person their daily calls, then refuses until the next UTC day', async () => {
    const store = await freshStore();
    const limits = { perUser: 3, total: 100 };
    const granted = [];
    for (let i = 0; i < 5; i++) granted.push(await tryConsumeLlmBudget(store, 'telegram:1', T0, limits));
    expect(granted).toEqual([true, true, true, false, false]);
    expect(await tryConsumeLlmBudget(store, 'telegram:2', T0, limits)).toBe(true);
    expect(await tryConsumeLlmBudget(store, 'telegram:1', T0 + 120_000, limits)).toBe(true);
    expect(budgetDay(T0 + 120_000)).toBe('2026-11-23');
  });

  it('caps everyone together, and a refused call spends nothing from the person', async () => {
    const store = await freshStore();
    const limits = { perUser: 2, total: 3 };
    expect(await tryConsumeLlmBudget(store, 'a', T0, limits)).toBe(true);
    expect(await tryConsumeLlmBudget(store, 'b', T0, limits)).toBe(true);
    expect(await tryConsumeLlmBudget(store, 'c', T0, limits)).toBe(true);
    expect(await tryConsumeLlmBudget(store, 'd', T0, limits)).toBe(false);
    // "d" was refused by the total: a larger total the same day lets "d" have both its calls.
    const more = { perUser: 2, total: 10 };
    expect(await tryConsumeLlmBudget(store, 'd', T0, more)).toBe(true);
    expect(await tryConsumeLlmBudget(store, 'd', T0, more)).toBe(true);
    expect(await tryConsumeLlmBudget(store, 'd', T0, more)).toBe(false);
  });

  it('never overspends under concurrency', async () => {
    const store = await freshStore();
    const limits = { perUser: 100, total: 7 };
    const granted = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tryConsumeLlmBudget(store, `u${i % 4}`, T0, limits)),
    );
    expect(granted.filter(Boolean).length).toBeLessThanOrEqual(7);
    expect(granted.filter(Boolean).length).toBeGreaterThan(0);
  });

  it('reads its limits from the config, and 0 means no model calls', async () => {
    const store = await freshStore();
    const limits = llmBudgetFromConfig(loadConfig({ LLM_DAILY_BUDGET_PER_USER: '0' }));
    expect(limits.perUser).toBe(0);
    expect(await tryConsumeLlmBudget(store, 'a', T0, limits)).toBe(false);
  });
});
