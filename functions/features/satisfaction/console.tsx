import type { Lang } from '../../core/types.js';
import type { Store } from '../../store/client.js';
import { getRating } from './repository.js';
import { satisfactionConsoleTexts } from './texts.js';

/** One line for the lead page: the citizen's score and comment, or nothing when not rated. */
export async function SatisfactionLine(props: { store: Store; reference: string; lang: Lang }) {
  const rating = await getRating(props.store, props.reference);
  if (!rating) return null;
  const t = satisfactionConsoleTexts(props.lang);
  return (
    <p class="satisfaction">
      <strong>{t.rating}</strong> : {t.score(rating.score)}
      {rating.comment ? <> · {t.comment(rating.comment)}</> : null}
    </p>
  );
}
