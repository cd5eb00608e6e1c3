import { describe, expect, it } from 'vitest';
import type { LoggedMessage } from '../../../store/messages.js';
import { conversationText } from './conversation-text.js';

const menu: LoggedMessage = {
  direction: 'out',
  text: 'Que souhaitez-vous faire ?',
  at: '2026-11-30T08:00:00.000Z',
  by: 'bot',
  options: [
    { id: 'sector:agriculture', label: 'Agriculture' },
    { id: 'sector:energy', label: 'Énergie' },
  ],
};
const said = (text: string, at: string, choice?: string): LoggedMessage => ({
  direction: 'in',
  text,
  at,
  choice,
});

describe('conversationText', () => {
  it('shows the label of the option tapped (Telegram) or typed as its number (WhatsApp)', () => {
    const shown = conversationText(
      [
        menu,
        said('[choice]', '2026-11-30T08:01:00.000Z', 'sector:energy'),
        menu,
        said('2', '2026-11-30T08:02:00.000Z'),
      ],
      'fr',
    );
    expect(shown.map((s) => s.text)).toEqual([menu.text, 'Énergie', menu.text, 'Énergie']);
    expect(shown[3]?.typed).toBe('2');
    expect(shown[1]?.typed).toBeUndefined();
  });

  it('reads a number as itself once a turn without options has cleared the list', () => {
    const plain: LoggedMessage = {
      direction: 'out',
      text: 'Votre âge ?',
      at: '2026-11-30T08:03:00.000Z',
      by: 'bot',
    };
    const shown = conversationText(
      [menu, said('Bonjour', '2026-11-30T08:02:00.000Z'), plain, said('2', '2026-11-30T08:04:00.000Z')],
      'fr',
    );
    expect(shown.map((s) => s.text)).toEqual([menu.text, 'Bonjour', plain.text, '2']);
  });

  it('keeps options offered in the same turn, before a reply without them', () => {
    const follow: LoggedMessage = { direction: 'out', text: 'Précision', at: menu.at, by: 'bot' };
    const shown = conversationText([menu, follow, said('1', '2026-11-30T08:01:00.000Z')], 'fr');
    expect(shown[2]?.text).toBe('Agriculture');
  });

  it('never shows a code: an old tap with no options logged, a media message', () => {
    const shown = conversationText(
      [said('[choice]', '2026-11-30T08:01:00.000Z'), said('[media]', '2026-11-30T08:02:00.000Z')],
      'fr',
    );
    expect(shown.map((s) => s.text)).toEqual(['(option choisie)', '(pièce jointe)']);
  });
});
