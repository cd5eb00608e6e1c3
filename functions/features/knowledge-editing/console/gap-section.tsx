import { Csrf, Notice } from '../../../console/layout.js';
import type { Officer } from '../../../console/officers/repository.js';
import type { Lang } from '../../../core/types.js';
import type { GapRecord, GapStats } from '../model.js';
import { type KnowledgeConsoleDeps, labelsFor, PLAIN, serviceOf } from './shared.js';

export interface GapSectionData {
  gaps: (GapRecord & { count: number })[];
  stats: GapStats;
  canAct: boolean;
}

/** Who sees the unanswered questions: supervisors (as before) and editors, who answer them. */
export function seesGaps(deps: KnowledgeConsoleDeps, officer: Officer): boolean {
  return officer.role === 'supervisor' || serviceOf(deps).canEdit(officer);
}

export async function gapSectionData(deps: KnowledgeConsoleDeps, officer: Officer): Promise<GapSectionData> {
  const service = serviceOf(deps);
  const [gaps, stats] = await Promise.all([service.openGaps({ limit: 20 }), service.gapStats()]);
  return { gaps, stats, canAct: service.canEdit(officer) };
}

/**
 * The dashboard's unanswered questions with "Répondre" (attach to an entry, or a new draft) and
 * "Ignorer", and how many were resolved and how fast.
 */
export function GapSection(props: {
  deps: KnowledgeConsoleDeps;
  data: GapSectionData;
  lang: Lang;
  csrf: string | undefined;
  done?: string | undefined;
}) {
  const l = labelsFor(props.deps, props.lang);
  const { t } = l;
  const { gaps, stats, canAct } = props.data;
  return (
    <>
      <section id="kb-gap-stats">
        <h2>{t.gapStats}</h2>
        <dl>
          <dt>{t.gapResolved}</dt>
          <dd>{stats.resolved}</dd>
          <dt>{t.gapMedian}</dt>
          <dd>{stats.medianHoursToResolve === null ? t.noneYet : t.hours(stats.medianHoursToResolve)}</dd>
          <dt>{t.gapPending}</dt>
          <dd>{stats.pending}</dd>
          <dt>{t.gapIgnoredCount}</dt>
          <dd>{stats.ignored}</dd>
        </dl>
      </section>
      <section id="kb-gaps">
        <h2>{t.gaps}</h2>
        {props.done === 'gap-ignored' ? <Notice kind="ok">{t.gapIgnored}</Notice> : null}
        <p class="help">{t.gapsIntro}</p>
        {canAct ? null : <p>{t.gapNeedsEditor}</p>}
        {gaps.length === 0 ? (
          <p>{t.noneYet}</p>
        ) : (
          <section class="wrap" style={PLAIN} tabindex={0} aria-label={t.gaps}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.gapQuestion}</th>
                  <th scope="col">{t.gapCount}</th>
                  <th scope="col">{t.gapFirst}</th>
                  {canAct ? <th scope="col">{t.answer}</th> : null}
                </tr>
              </thead>
              <tbody>
                {gaps.map((g) => (
                  <tr>
                    <td lang={g.lang}>{g.question}</td>
                    <td>{g.count}</td>
                    <td>{l.at(g.firstAskedAt)}</td>
                    {canAct ? (
                      <td>
                        <div class="row" style="align-items:center">
                          <a
                            href={`/console/knowledge/gaps/answer?g=${encodeURIComponent(g.normalized)}`}
                            aria-label={t.answerFor(g.question)}
                          >
                            {t.answer}
                          </a>
                          <form method="post" action="/console/knowledge/gaps/ignore" class="inline">
                            <Csrf token={props.csrf} />
                            <input type="hidden" name="g" value={g.normalized} />
                            <button type="submit" class="secondary" aria-label={t.ignoreFor(g.question)}>
                              {t.ignore}
                            </button>
                          </form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
    </>
  );
}
