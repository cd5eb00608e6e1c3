import { describe, expect, it } from 'vitest';
import { deepLinkSource } from './deep-link.js';

describe('deepLinkSource', () => {
  it.each([
    ['/start kpalime_2026', 'kpalime_2026'],
    ['/start QR-Paris-01', 'QR-Paris-01'],
    ['/start@togo_bot ministry_post', 'ministry_post'],
    [`/start ${'a'.repeat(64)}`, 'a'.repeat(64)],
  ])('reads %s', (text, source) => {
    expect(deepLinkSource(text)).toBe(source);
  });

  it.each([
    ['/start'],
    ['/start '],
    [`/start ${'a'.repeat(65)}`],
    ['/start hello world'],
    ['/start <script>'],
    ['/start é'],
    ['start kpalime'],
    ['bonjour'],
  ])('ignores %j', (text) => {
    expect(deepLinkSource(text)).toBeUndefined();
  });
});
