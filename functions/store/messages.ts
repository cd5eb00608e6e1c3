import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../core/types.js';
import type { Store } from './client.js';
import { storeCall } from './dynamo-errors.js';
import { keys } from './keys.js';

/** The conversation log: what the person wrote and what was answered, newest last. */
export interface LoggedMessage {
  direction: 'in' | 'out';
  text: string;
  at: string;
  /** Who wrote an outbound message: the bot, or an officer's id. */
  by?: string | undefined;
  /** An inbound text that is the transcript of a voice note (the audio itself is never kept). */
  transcribed?: boolean | undefined;
  /** An inbound button tap: the id of the option chosen (its label comes from the options offered). */
  choice?: string | undefined;
  /** An outbound message's options (buttons, or the numbered list typed back on WhatsApp). */
  options?: { id: string; label: string }[] | undefined;
}

export function messageItem(
  channel: Channel,
  userId: string,
  atMs: number,
  id: string,
  message: LoggedMessage,
): Record<string, unknown> {
  return { ...keys.message(channel, userId, atMs, id), type: 'message', ...message };
}

export async function listMessages(
  store: Store,
  channel: Channel,
  userId: string,
  limit = 50,
): Promise<LoggedMessage[]> {
  const prefix = keys.messagesPrefix(channel, userId);
  const out = await storeCall('listMessages', () =>
    store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix },
        ScanIndexForward: false,
        Limit: limit,
      }),
    ),
  );
  return (out.Items ?? []).reverse().map(
    (i) =>
      ({
        direction: i.direction,
        text: i.text,
        at: i.at,
        by: i.by,
        ...(i.transcribed ? { transcribed: true } : {}),
        ...(i.choice ? { choice: i.choice } : {}),
        ...(Array.isArray(i.options) && i.options.length ? { options: i.options } : {}),
      }) as LoggedMessage,
  );
}
