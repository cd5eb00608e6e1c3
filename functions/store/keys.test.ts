import { describe, expect, it } from 'vitest';
import { fromTableItem } from './keys.js';
import { GSIS } from './table-schema.js';

describe('fromTableItem', () => {
  it('removes the table’s keys, every index’s keys and the item type, and nothing else', () => {
    const indexKeys = Object.fromEntries(
      GSIS.flatMap((g) => [g.partitionKey, g.sortKey]).map((k) => [k, 'x']),
    );
    const item = {
      PK: 'LEAD#1',
      SK: 'LEAD',
      type: 'lead',
      ...indexKeys,
      reference: 'TG-2026-00001',
      desk: 'd',
    };

    expect(fromTableItem(item)).toEqual({ reference: 'TG-2026-00001', desk: 'd' });
    expect(Object.keys(indexKeys)).toContain('GSI3PK');
  });
});
