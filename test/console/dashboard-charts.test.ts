import { describe, expect, it } from 'vitest';
import { getLead, markEscalated } from '../../functions/features/leads/repository.js';
import { saveRating } from '../../functions/features/satisfaction/repository.js';
import { testRuntime } from '../helpers/runtime.js';
import { rawStrings, visibleText } from './french.js';
import { newLead, seedStaff, signedIn } from './helpers.js';

const NOW = Date.parse('2026-11-19T12:00:00Z');
const DAY = 24 * 3600 * 1000;

describe('dashboard charts', { timeout: 90_000 }, () => {
  it('draws accessible SVG charts with no script, with the same figures as tables, in French', async () => {
    const rt = await testRuntime({}, { now: () => NOW });
    const staff = await seedStaff(rt.store);
    const a = await newLead(rt.store, { desk: 'investment-promotion' }, NOW - 2 * DAY);
    await newLead(rt.store, { desk: 'investment-promotion', userId: 'whatsapp:+33600000002' }, NOW - 9 * DAY);
    const b = await newLead(
      rt.store,
      { desk: 'digital-economy', userId: 'whatsapp:+33600000003' },
      NOW - DAY,
    );
    await markEscalated(rt.store, (await getLead(rt.store, a.reference))!, 'claim', NOW - DAY);
    await saveRating(rt.store, {
      reference: a.reference,
      desk: 'investment-promotion',
      score: 4,
      at: '2026-11-10T10:00:00.000Z',
    });
    await saveRating(rt.store, {
      reference: b.reference,
      desk: 'digital-economy',
      score: 2,
      at: '2026-10-10T10:00:00.000Z',
    });

    const supervisor = await signedIn(rt.app, staff.supervisor.email);
    const html = await (await supervisor.get('/console/dashboard')).text();
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    // Leads per week, SLA breaches per week and satisfaction per month have data here.
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    for (const svg of svgs) {
      expect(svg).toMatch(/role="img"/);
      expect(svg).toMatch(/aria-labelledby="chart-[a-z]+-title chart-[a-z]+-desc"/);
      expect(svg).toMatch(
        /<title id="chart-[a-z]+-title">[^<]+<\/title><desc id="chart-[a-z]+-desc">[^<]+<\/desc>/,
      );
      expect(svg).not.toMatch(/<script|on[a-z]+=/i);
    }
    // The only script on the page is the shell's htmx file.
    expect(html.match(/<script/g)).toHaveLength(1);
    const text = visibleText(html);
    expect(text).toContain('Dossiers par semaine et par programme');
    expect(text).toContain('Délais dépassés par semaine');
    expect(text).toContain('Satisfaction des citoyens par mois');
    expect(text).toContain('Les mêmes chiffres en tableau');
    const byDesk = visibleText(/<table id="satisfaction-by-desk">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '');
    expect(byDesk).toContain('Promotion des investissements');
    expect(byDesk).toContain('4 / 5 (1 note)');
    expect(byDesk).toContain('Économie numérique');
    expect(byDesk).toContain('2 / 5 (1 note)');
    expect(rawStrings(text)).toEqual([]);

    // An officer sees their own desk's scores only.
    const officer = await signedIn(rt.app, staff.officer.email);
    const own = await (await officer.get('/console/dashboard')).text();
    const ownTable = visibleText(/<table id="satisfaction-by-desk">[\s\S]*?<\/table>/.exec(own)?.[0] ?? '');
    expect(ownTable).toContain('4 / 5 (1 note)');
    expect(ownTable).not.toContain('Économie numérique');
  });
});
