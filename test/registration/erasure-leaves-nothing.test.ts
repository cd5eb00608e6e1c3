import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createOutboxSender } from '../../functions/app/outbox-sender.js';
import { telegram } from '../../functions/channels/telegram/index.js';
import { whatsapp } from '../../functions/channels/whatsapp/index.js';
import type { Reply } from '../../functions/core/types.js';
import { createQueuedMany } from '../../functions/features/broadcasts/repository.js';
import { addComment, getRating, saveRating } from '../../functions/features/satisfaction/repository.js';
import { newLead } from '../console/helpers.js';
import { testRuntime } from '../helpers/runtime.js';
import { freshStore, scanTable } from '../helpers/store.js';
import { whatsappUser } from './chat.js';

const FROM = 'whatsapp:+33612345678';
/** Every identifier the person ever gave, as they gave it and as the table may hold it. */
const IDENTIFIERS = ['Kofi', 'Agbeko', 'kofi.agbeko', '33612345678', '6 12 34 56 78', '12 34 56 78'];

describe('erasure leaves nothing', { timeout: 90_000 }, () => {
  it('after "supprimer mes données", no item names or addresses the person: deliveries, gaps, outbox', async () => {
    const store = await freshStore();
    const sent: { to: string; reply: Reply }[] = [];
    const outbox = createOutboxSender(whatsapp, store, () => {});
    const rt = await testRuntime(
      { RATE_LIMIT_PER_MINUTE: '100' },
      {
        store,
        senders: {
          whatsapp: {
            async send(to, reply) {
              sent.push({ to, reply });
              await outbox.send(to, reply);
            },
          },
          telegram: createOutboxSender(telegram, store, () => {}),
        },
      },
    );
    const say = whatsappUser(rt, FROM);
    await say('bonjour');
    // A question the knowledge base cannot answer goes to the gap report, with their own words.
    await say(
      'Je suis Kofi Agbeko, tel +33 6 12 34 56 78, kofi.agbeko@example.org, quel temps fait-il à Lomé ?',
    );
    // A broadcast reached them: its delivery record names their id and address.
    await store.doc.send(
      new PutCommand({
        TableName: store.tableName,
        Item: {
          PK: 'BROADCAST#b-1',
          SK: 'BROADCAST',
          type: 'broadcast',
          id: 'b-1',
          GSI1PK: 'BROADCASTS',
          GSI1SK: '2026-11-01T00:00:00.000Z#b-1',
        },
      }),
    );
    await createQueuedMany(store, [
      {
        broadcastId: 'b-1',
        channel: 'whatsapp',
        userId: FROM,
        address: FROM,
        status: 'sent',
        queuedAt: '2026-11-01T00:00:00.000Z',
      },
    ]);
    // They had a lead and rated it, with a comment in their own words.
    const lead = await newLead(store, { desk: 'togolese-abroad', userId: FROM, fullName: 'Kofi Agbeko' });
    await saveRating(store, {
      reference: lead.reference,
      desk: lead.desk,
      score: 4,
      at: '2026-11-02T00:00:00.000Z',
    });
    await addComment(store, lead.reference, 'Merci, Kofi Agbeko est content');
    const before = JSON.stringify(await scanTable(store));
    for (const id of IDENTIFIERS.slice(0, 4)) expect(before).toContain(id);

    await say('supprimer mes données');
    await say('oui');
    await rt.queue.idle();
    expect(sent.at(-1)?.reply.text).toMatch(/vos données personnelles ont été supprimées/);

    const leaks = (await scanTable(store)).filter((item) =>
      IDENTIFIERS.some((id) => JSON.stringify(item).includes(id)),
    );
    expect(leaks).toEqual([]);
    // The score stays for the desk's dashboard, anonymous.
    expect(await getRating(store, lead.reference)).toMatchObject({ score: 4, comment: undefined });
  });
});
