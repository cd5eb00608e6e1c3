import { describe, expect, it } from 'vitest';
import { listOfficialAudit, listOfficialEntries } from '../../functions/features/official/registry.js';
import { seedStaff, signedIn } from '../console/helpers.js';
import { postTelegram, postWhatsApp, telegramText, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

type Rt = Awaited<ReturnType<typeof testRuntime>>;

async function lastReply(rt: Rt) {
  const outbox = await rt.outbox();
  return outbox[outbox.length - 1]!;
}

/** The registry as an admin fills it through the console (test values on reserved domains and numbers). */
async function seedRegistry(rt: Rt) {
  const staff = await seedStaff(rt.store);
  const admin = await signedIn(rt.app, staff.admin.email);
  const add = (form: Record<string, string>) => admin.post('/console/official', form);
  for (const form of [
    {
      kind: 'whatsapp',
      value: '+228 90 00 00 01',
      owner: 'Ministère (test)',
      source: 'Arrêté de test',
      status: 'active',
    },
    {
      kind: 'phone',
      value: '+228 90 00 00 02',
      owner: 'Ambassade (test)',
      source: 'Courrier de test',
      status: 'active',
    },
    {
      kind: 'telegram',
      value: '@official_test_bot',
      owner: 'Ministère (test)',
      source: 'Page de test',
      status: 'active',
    },
    {
      kind: 'domain',
      value: 'https://www.ministry.example',
      owner: 'Ministère (test)',
      source: 'Page de test',
      status: 'active',
    },
    {
      kind: 'email_domain',
      value: 'ministry.example',
      owner: 'Ministère (test)',
      source: 'Page de test',
      status: 'active',
    },
  ]) {
    expect((await add(form)).status).toBe(200);
  }
  // The embassy's number is retired: still recognised, as a former channel.
  const retired = await admin.post('/console/official/status', {
    kind: 'phone',
    value: '+22890000002',
    status: 'retired',
  });
  expect(retired.status).toBe(200);
  return { staff, admin };
}

describe('"est-ce officiel ?"', { timeout: 90_000 }, () => {
  it('the registry starts empty and a check then says "not in the list" with the default advice', async () => {
    const rt = await testRuntime();
    expect(await listOfficialEntries(rt.store)).toEqual([]);
    await postTelegram(rt.app, telegramText(9101, 'ce numéro +228 90 00 00 01 est-il officiel ?'));
    const answer = await lastReply(rt);
    expect(answer.text).toContain('❌ +228 90 00 00 01 : ne figure pas dans la liste des canaux officiels.');
    expect(answer.text).toContain('https://assistant.example.test/officiel');
  });

  it('admins keep the registry with an audit trail; officers may not open it', async () => {
    const rt = await testRuntime();
    const { staff, admin } = await seedRegistry(rt);
    const entries = await listOfficialEntries(rt.store);
    expect(entries.map((e) => `${e.kind}:${e.value}:${e.status}`).sort()).toEqual([
      'domain:ministry.example:active',
      'email_domain:ministry.example:active',
      'phone:+22890000002:retired',
      'telegram:official_test_bot:active',
      'whatsapp:+22890000001:active',
    ]);
    const audit = await listOfficialAudit(rt.store);
    expect(audit).toHaveLength(6);
    expect(audit[0]).toMatchObject({
      action: 'official_retired',
      subject: 'phone:+22890000002',
      actor: staff.admin.id,
    });
    const page = await (await admin.get('/console/official')).text();
    expect(page).toContain('Canal retiré');
    expect(page).toContain('Retiré');
    expect(page).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(page).not.toContain('official_retired');

    const bad = await admin.post('/console/official', {
      kind: 'phone',
      value: 'abc',
      owner: 'X Y',
      source: 'Z Z',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Cette valeur ne correspond pas au type choisi.');

    const officer = await signedIn(rt.app, staff.officer.email);
    expect((await officer.get('/console/official')).status).toBe(403);
    expect(
      (
        await officer.post('/console/official', {
          kind: 'phone',
          value: '+22890000009',
          owner: 'Faux',
          source: 'Faux',
        })
      ).status,
    ).toBe(403);
    expect(await listOfficialEntries(rt.store)).toHaveLength(5);
  });

  it('on Telegram: a question about a number, a handle and a domain, and a forwarded scam', async () => {
    const rt = await testRuntime();
    await seedRegistry(rt);
    await postTelegram(
      rt.app,
      telegramText(9102, 'Est-ce que @official_test_bot et t.me/faux_ministere sont officiels ?'),
    );
    let answer = await lastReply(rt);
    expect(answer.text).toContain('✅ @official_test_bot : canal officiel (Ministère (test)).');
    expect(answer.text).toContain('❌ t.me/faux_ministere : ne figure pas dans la liste');

    const forward = telegramText(
      9102,
      'Félicitations ! Payez 50 € de frais au +228 90 00 00 02 ou sur https://ministry-example.com/pay, contact : agent@ministry.example',
    );
    (forward.message as Record<string, unknown>).forward_origin = {
      type: 'hidden_user',
      date: 0,
      sender_user_name: 'X',
    };
    await postTelegram(rt.app, forward);
    answer = await lastReply(rt);
    expect(answer.text).toContain(
      '⚠️ +228 90 00 00 02 : ancien canal officiel (Ambassade (test)), qui n’est plus utilisé.',
    );
    expect(answer.text).toContain('❌ https://ministry-example.com/pay : ne figure pas');
    expect(answer.text).toContain('✅ agent@ministry.example : canal officiel (Ministère (test)).');

    // The same text, typed and not forwarded, with no question, goes to the knowledge base instead.
    await postTelegram(rt.app, telegramText(9102, 'Payez 50 € de frais au +228 90 00 00 02'));
    expect((await lastReply(rt)).text).not.toContain('canaux officiels');
  });

  it('on WhatsApp: "is this real?" in English, then a forwarded message, with the advice the admin set', async () => {
    const rt = await testRuntime();
    const { admin } = await seedRegistry(rt);
    const advice = await admin.post('/console/official/advice', {
      fr: 'Le ministère ne demande jamais de frais par message (texte de test).',
      en: 'The ministry never asks for fees by message (test text).',
    });
    expect(advice.status).toBe(200);

    const from = 'whatsapp:+33611110001';
    await postWhatsApp(rt.app, whatsappText(from, 'Hello, is this official?'));
    expect((await lastReply(rt)).text).toContain('Send me the number');
    await postWhatsApp(rt.app, whatsappText(from, 'www.ministry.example and +228 90 00 00 01'));
    let answer = await lastReply(rt);
    expect(answer.text).toContain('✅ www.ministry.example: official channel (Ministère (test)).');
    expect(answer.text).toContain('✅ +228 90 00 00 01: official channel');
    expect(answer.text).toContain('The ministry never asks for fees by message (test text).');

    await postWhatsApp(
      rt.app,
      whatsappText(from, 'Send your documents to 0022890000777 before Friday', { Forwarded: 'true' }),
    );
    answer = await lastReply(rt);
    expect(answer.text).toContain('❌ 0022890000777: not in the list of official channels.');
  });
});
