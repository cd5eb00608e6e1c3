import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { senderFor } from '../../core/channel.js';
import type { Senders } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { storeCall } from '../../store/dynamo-errors.js';
import { messageItem } from '../../store/messages.js';
import type { CitizenNotice } from './repository.js';

/**
 * Sends a notice from this module (hand back, lead closed) to the citizen and logs it in their
 * conversation, so the officer and the person see the same history.
 */
export async function deliverNotice(
  deps: { store: Store; senders: Senders; now?: () => number },
  notice: CitizenNotice,
  by = 'bot',
): Promise<void> {
  const nowMs = (deps.now ?? Date.now)();
  await senderFor(deps.senders, notice.channel).send(notice.address, notice.reply);
  await storeCall('logNotice', () =>
    deps.store.doc.send(
      new PutCommand({
        TableName: deps.store.tableName,
        Item: messageItem(notice.channel, notice.userId, nowMs, `notice-${randomUUID()}`, {
          direction: 'out',
          text: notice.reply.text,
          at: new Date(nowMs).toISOString(),
          by,
        }),
      }),
    ),
  );
}
