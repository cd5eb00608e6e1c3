/** The knowledge-editing items of the single table (see README.md, "Storage"). */
export const kbKeys = {
  version: (entryId: string, version: number) => ({
    PK: `KB#${entryId}`,
    SK: `V#${String(version).padStart(6, '0')}`,
  }),
  entryPartition: (entryId: string) => `KB#${entryId}`,
  audit: (entryId: string, at: string, id: string) => ({ PK: `KB#${entryId}`, SK: `AUDIT#${at}#${id}` }),
  /** One partition lists every entry: they are a few dozen, read whole by the list and by publish. */
  head: (entryId: string) => ({ PK: 'KBENTRIES', SK: entryId }),
  headsPartition: 'KBENTRIES',
  meta: { PK: 'KBBASE', SK: 'META' },
  chunk: (baseVersion: number, index: number) => ({
    PK: `KBART#${baseVersion}`,
    SK: `CHUNK#${String(index).padStart(3, '0')}`,
  }),
  pointer: { PK: 'KBPUB', SK: 'CURRENT' },
  gapState: (hash: string) => ({ PK: 'KBGAPSTATE', SK: hash }),
  gapStatesPartition: 'KBGAPSTATE',
} as const;
