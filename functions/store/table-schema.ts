/**
 * The single table's shape, shared by the local bootstrap and the CDK stack so they cannot drift.
 * Items are addressed by overloaded PK/SK strings (see `keys.ts`); GSI1 serves per-desk and
 * per-status listings, GSI2 lookups by secondary identifiers, GSI3 the leads of a desk whatever
 * their status.
 */
export const TABLE_KEYS = { partitionKey: 'PK', sortKey: 'SK' } as const;
export const TTL_ATTRIBUTE = 'expiresAtSec';
export const GSIS = [
  { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
] as const;
