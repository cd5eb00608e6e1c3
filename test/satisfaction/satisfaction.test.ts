import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLead, type Lead } from '../../functions/features/leads/repository.js';
import { scoreOptionId } from '../../functions/features/satisfaction/capability.js';
import { getRating, listRatings } from '../../functions/features/satisfaction/repository.js';
import { listOutbox } from '../../functions/store/outbox.js';
import { rawStrings, visibleText } from '../console/french.js';
import { type ConsoleClient, type Staff, seedStaff, signedIn } from '../console/helpers.js';
import { testRuntime } from '../helpers/runtime.js';
import { telegramUser, whatsappUser } from '../registration/chat.js';

const DAY = 24 * 3600 * 1000;
let clock = Date.parse('2026-11-02T09:00:00Z');
let rt: Awaited<ReturnType<typeof testRuntime>>;
let staff: Staff;
let officer: ConsoleClient;

beforeAll(async () => {
  rt = await testRuntime({ RATE_LIMIT_PER_MINUTE: '0' }, { now: () => clock });
  staff = await seedStaff(rt.store);
  officer = await signedIn(rt.app, staff.officer.email);
});
afterAll(async () => {
  await rt.queue.idle();
});

function leadFor(channel: 'telegram' | 'whatsapp', userId: string, lang: 'fr' | 'en'): Promise<Lead> {
  return createLead(
    rt.store,
    {
      kind: 'registration',
      programme: 'investment',
      sector: 'energy',
      country: 'BE',
      fullName: 'Yawa Agbeko',
      contactPreference: 'chat',
      channel,
      userId,
      address: userId,
      lang,
      desk: 'investment-promotion',
    },
    clock,
  );
}

/** The newest message the address received (the question is sent by the console, not a turn). */
async function lastTo(address: string) {
  await rt.queue.idle();
  return (await listOutbox(rt.store)).filter((m) => m.to === address).at(-1);
}

async function claimAndClose(ref: string) {
  expect((await officer.post(`/console/leads/${ref}/claim`)).status).toBe(303);
  const closed = await officer.post(`/console/leads/${ref}/status`, {
    to: 'closed',
    outcome: 'no_response',
    confirm: '1',
  });
  expect(closed.headers.get('location')).toContain('done=saved');
}

describe('satisfaction', { timeout: 90_000 }, () => {
  it('asks a Telegram citizen once in English with five buttons after closing; score, comment, lead page line', async () => {
    const citizen = telegramUser(rt, 9201, 'en');
    await citizen.say('hello');
    const lead = await leadFor('telegram', '9201', 'en');
    await claimAndClose(lead.reference);
    const asked = await lastTo('9201');
    expect(asked?.text).toContain(`Your request ${lead.reference} is complete. Are you satisfied`);
    expect(asked?.buttons).toEqual(['★', '★★', '★★★', '★★★★', '★★★★★']);

    const scored = await citizen.press(scoreOptionId(lead.reference, 4));
    expect(scored.text).toContain('Would you like to add a comment?');
    expect(scored.buttons).toContain('Skip');
    const thanked = await citizen.say('Quick and kind, thank you');
    expect(thanked.text).toContain('your opinion helps the ministry');
    expect(await getRating(rt.store, lead.reference)).toMatchObject({
      score: 4,
      comment: 'Quick and kind, thank you',
      desk: 'investment-promotion',
    });
    // A second press (the old button) does not count twice.
    expect((await citizen.press(scoreOptionId(lead.reference, 1))).text).toContain('already recorded');
    expect((await getRating(rt.store, lead.reference))?.score).toBe(4);

    // The lead page shows the rating, in French, for the officer.
    const html = await (await officer.get(`/console/leads/${lead.reference}`)).text();
    const line = visibleText(/<p class="satisfaction">[\s\S]*?<\/p>/.exec(html)?.[0] ?? '');
    expect(line).toContain('Satisfaction du citoyen : 4 / 5 · « Quick and kind, thank you »');
    // (The citizen's button tap itself shows as a raw marker until the lead page labels taps: another change.)
    expect(rawStrings(line)).toEqual([]);

    // Another closing within 30 days: no second question; after 30 days, asked again.
    clock += 10 * DAY;
    officer = await signedIn(rt.app, staff.officer.email);
    const second = await leadFor('telegram', '9201', 'en');
    await claimAndClose(second.reference);
    expect((await lastTo('9201'))?.text).toContain('already recorded');
    clock += 21 * DAY;
    officer = await signedIn(rt.app, staff.officer.email);
    const third = await leadFor('telegram', '9201', 'en');
    await claimAndClose(third.reference);
    expect((await lastTo('9201'))?.text).toContain(`Your request ${third.reference} is complete.`);
  });

  it('asks a WhatsApp citizen in French with a numbered list when the officer hands the chat back; a typed number is the score', async () => {
    const from = 'whatsapp:+33600009202';
    const say = whatsappUser(rt, from);
    await say('bonjour');
    const lead = await leadFor('whatsapp', from, 'fr');
    await officer.post(`/console/leads/${lead.reference}/claim`);
    await officer.post(`/console/leads/${lead.reference}/conversation`);
    await say('Merci pour votre aide');
    await officer.post(`/console/leads/${lead.reference}/hand-back`);
    const asked = (await lastTo(from))?.text ?? '';
    expect(asked).toContain(`Votre demande ${lead.reference} est terminée. Êtes-vous satisfait(e)`);
    expect(asked).toContain('1. ★\n2. ★★\n3. ★★★\n4. ★★★★\n5. ★★★★★');
    expect(await say('5')).toContain('Voulez-vous ajouter un commentaire ?');
    expect(await say('1')).toContain('Merci, votre avis aide le ministère');
    expect(await getRating(rt.store, lead.reference)).toMatchObject({ score: 5 });
    expect((await getRating(rt.store, lead.reference))?.comment).toBeUndefined();
    // Closing the same lead later asks nothing more (asked 0 days ago).
    await officer.post(`/console/leads/${lead.reference}/status`, {
      to: 'closed',
      outcome: 'no_response',
      confirm: '1',
    });
    expect((await lastTo(from))?.text).not.toContain('Êtes-vous satisfait');
  });

  it('ignores a forged score for a lead the person was not asked about', async () => {
    const citizen = telegramUser(rt, 9203, 'fr');
    await citizen.say('bonjour');
    const other = await leadFor('telegram', '9299', 'fr');
    const answer = await citizen.press(scoreOptionId(other.reference, 1));
    expect(answer.text).toContain('Cette question n’est plus ouverte');
    expect(await getRating(rt.store, other.reference)).toBeUndefined();
    expect((await citizen.press('sat:constructor')).text).toContain('Cette question n’est plus ouverte');
    expect((await listRatings(rt.store)).every((r) => r.reference !== other.reference)).toBe(true);
  });
});
