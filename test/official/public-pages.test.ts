import { describe, expect, it } from 'vitest';
import { saveOfficialEntry } from '../../functions/features/official/registry.js';
import { aboutRoutes } from '../../functions/features/transparency/about-page.js';
import { type EvalRecord, parseEvalRecord } from '../../functions/features/transparency/eval-record.js';
import { seedStaff } from '../console/helpers.js';
import { postWhatsApp, whatsappText } from '../helpers/requests.js';
import { testRuntime } from '../helpers/runtime.js';

const RECORD: EvalRecord = {
  evaluatedAt: '2026-05-04T10:00:00.000Z',
  questionSet: 'questions.jsonl',
  figures: {
    questions: 48,
    answerable: 42,
    toDecline: 6,
    hitAt1: 0.952,
    hitAt3: 1,
    helped: 0.881,
    declined: 0.833,
    answeredWrong: 0.021,
    p50Ms: 0.07,
    p95Ms: 0.8,
  },
};

describe('public pages', { timeout: 60_000 }, () => {
  it('/officiel lists the active channels only, without login, cookie or personal data, and is cacheable', async () => {
    const rt = await testRuntime();
    const empty = await rt.app.request('/officiel');
    expect(empty.status).toBe(200);
    expect(await empty.text()).toContain('Aucun canal officiel n’est encore publié ici.');

    // People and officers exist: nothing of them may appear on a public page.
    const staff = await seedStaff(rt.store);
    await postWhatsApp(
      rt.app,
      whatsappText('whatsapp:+33633330001', 'Bonjour', { ProfileName: 'Kossiwa Test' }),
    );
    await rt.queue.idle();
    await saveOfficialEntry(
      rt.store,
      {
        kind: 'telegram',
        value: '@official_test_bot',
        owner: 'Ministère (test)',
        source: 'Source interne (test)',
      },
      staff.admin.id,
      Date.now(),
      staff.admin.name,
    );
    await saveOfficialEntry(
      rt.store,
      {
        kind: 'phone',
        value: '+22890000002',
        owner: 'Ambassade (test)',
        source: 'x test',
        status: 'retired',
      },
      staff.admin.id,
      Date.now(),
    );

    const res = await rt.app.request('/officiel');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const html = await res.text();
    expect(html).toContain('@official_test_bot');
    expect(html).toContain('Ministère (test)');
    expect(html).not.toContain('+22890000002');
    for (const secret of ['+33633330001', 'Kossiwa', staff.admin.id, staff.admin.email, 'Source interne']) {
      expect(html).not.toContain(secret);
    }
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await rt.app.request('/officiel', { headers: { 'if-none-match': etag! } })).status).toBe(304);

    const en = await (await rt.app.request('/officiel?lang=en')).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Official channels');

    const about = await rt.app.request('/a-propos');
    expect(about.status).toBe(200);
    expect(about.headers.get('set-cookie')).toBeNull();
    const aboutHtml = await about.text();
    for (const secret of ['+33633330001', 'Kossiwa', staff.admin.id, staff.admin.email]) {
      expect(aboutHtml).not.toContain(secret);
    }
  });

  it('/a-propos says who runs it, what is kept and for how long, how to erase it, and that no model is used', async () => {
    const rt = await testRuntime();
    const html = await (await rt.app.request('/a-propos')).text();
    expect(html).toContain(
      'ministère des Affaires étrangères, de l’Intégration régionale et des Togolais de l’extérieur',
    );
    expect(html).toContain('5 jours après votre dernier message');
    expect(html).toContain('180 jours');
    expect(html).toContain('« supprimer mes données »');
    expect(html).toContain('« mes données »');
    expect(html).toContain('aucun modèle de langage n’est utilisé');
    const en = await (await rt.app.request('/a-propos?lang=en')).text();
    expect(en).toContain('Ministry of Foreign Affairs, Regional Integration and Togolese Abroad');
    expect(en).toContain('&quot;delete my data&quot;');
    expect(en).toContain('no language model is used');
  });

  it('/a-propos names the kind of model when one is configured', async () => {
    const rt = await testRuntime({ OPENAI_API_KEY: 'sk-test', OPENAI_MODEL: 'test-model-1' });
    const html = await (await rt.app.request('/a-propos')).text();
    expect(html).toContain('Un grand modèle de langage (test-model-1, par une interface compatible OpenAI)');
    expect(html).not.toContain('sk-test');
  });

  it('/a-propos shows the recorded evaluation figures, or says they are not available', async () => {
    const config = { OPENAI_MODEL: 'm', CHECK_CODE_TTL_DAYS: 90 };
    const withFigures = await (await aboutRoutes({ config, evalRecord: RECORD }).request('/a-propos')).text();
    expect(withFigures).toContain(
      'Évaluation du 4 mai 2026 sur 48 questions (42 couvertes par la base, 6 auxquelles il doit dire ne pas savoir).',
    );
    expect(withFigures).toMatch(/La bonne fiche arrive en premier<\/td><td>95\s%/);
    expect(withFigures).toMatch(/dit ne pas savoir<\/td><td>83\s%/);
    expect(withFigures).toMatch(/ne convient pas<\/td><td>2\s%/);
    const none = await (
      await aboutRoutes({ config, evalRecord: undefined }).request('/a-propos?lang=en')
    ).text();
    expect(none).toContain('Evaluation figures are not available.');
    // A file that is not a complete record (the placeholder, a truncated write) means "not available".
    expect(parseEvalRecord({ available: false })).toBeUndefined();
    expect(parseEvalRecord({ ...RECORD, figures: { ...RECORD.figures, hitAt1: 'high' } })).toBeUndefined();
    expect(parseEvalRecord(JSON.parse(JSON.stringify(RECORD)))).toEqual(RECORD);
  });
});
