import type { ChannelDirectory } from '../../core/channel.js';
import { reply, type Turn, type TurnResult, toMenu } from '../../engine/engine.js';
import { isNo, isYes } from '../../engine/words.js';
import type { Store } from '../../store/client.js';
import { eraseUserData } from './erase.js';
import { describeMyData } from './my-data.js';
import { privacyTexts } from './texts.js';

export const ERASURE_FLOW = 'erasure';

export const MY_DATA =
  /^\s*(?:mes donn[ée]es|my data|mes informations|my information|what do you (?:keep|know) about me|\/mydata)\s*[.!?]*\s*$/i;
export const DELETE_MY_DATA =
  /^\s*(?:supprime[rz]? (?:mes|toutes mes) (?:donn[ée]es|informations)|effacer mes donn[ée]es|oublie[rz]?[- ]moi|delete (?:all )?my (?:data|information)|erase my data|forget me|\/deletemydata)\s*[.!?]*\s*$/i;

/** "Mes données" / "my data", and "supprimer mes données" / "delete my data" with a confirmation. */
export function privacyCapability(deps: { store: Store; channels: ChannelDirectory }) {
  const showMyData = async (turn: Turn): Promise<TurnResult> => {
    const isNew = turn.contact.firstSeenAt === turn.contact.lastSeenAt;
    return reply(turn, [{ text: await describeMyData(deps.store, turn.contact, isNew, deps.channels) }]);
  };

  const askErasure = (turn: Turn): TurnResult => {
    const t = privacyTexts(turn.contact.lang);
    return reply(
      turn,
      [
        {
          text: t.confirm,
          options: [
            { id: 'erase:yes', label: t.yes },
            { id: 'erase:no', label: t.no },
          ],
        },
      ],
      { flow: ERASURE_FLOW, step: 'confirm', data: {} },
    );
  };

  const confirmErasure = async (turn: Turn): Promise<TurnResult> => {
    const t = privacyTexts(turn.contact.lang);
    const { optionId, text } = turn.input;
    if (optionId === 'erase:no' || (!optionId && isNo(text))) return toMenu(turn, t.kept);
    if (!(optionId === 'erase:yes' || (!optionId && isYes(text)))) {
      return reply(turn, [
        {
          text: t.again,
          options: [
            { id: 'erase:yes', label: t.yes },
            { id: 'erase:no', label: t.no },
          ],
        },
      ]);
    }
    const { report, auditItem } = await eraseUserData(
      deps.store,
      turn.message.channel,
      turn.message.userId,
      turn.nowMs,
    );
    return {
      ...reply(turn, [{ text: t.erased(report.anonymisedLeads.length) }]),
      forget: true,
      puts: [auditItem],
    };
  };

  // An interceptor rather than keywords: data rights answer from anywhere, even mid-registration
  // (where "mes données" would otherwise be taken for a city).
  const dataRights = (turn: Turn): Promise<TurnResult> | TurnResult | undefined => {
    if (turn.input.optionId) return undefined;
    if (MY_DATA.test(turn.input.text)) return showMyData(turn);
    if (DELETE_MY_DATA.test(turn.input.text)) return askErasure(turn);
    return undefined;
  };

  return {
    before: [dataRights],
    actions: { 'privacy:my-data': showMyData, 'privacy:delete': askErasure },
    flows: { [ERASURE_FLOW]: confirmErasure },
  };
}
