import { useState } from 'react';
import { ActivityStats, CafeCalendar, ConcernForm, RightsExplainer } from './proximite.js';

type Lang = 'fr' | 'en';

const TEXT = {
  fr: {
    title: 'Mon quartier',
    subtitle: 'Une application React qui intègre les widgets Proximité',
    switchTo: 'English',
    log: 'Événements reçus par React',
    empty: 'Aucun pour l’instant : ouvrez un café, un droit, choisissez un indicateur…',
    cafe: 'Café ouvert',
    topic: 'Droit ouvert',
    indicator: 'Indicateur choisi',
    submitted: 'Signalement envoyé',
    queued: 'Signalement gardé sur l’appareil',
  },
  en: {
    title: 'My neighbourhood',
    subtitle: 'A React application embedding the Proximité widgets',
    switchTo: 'Français',
    log: 'Events received by React',
    empty: 'None yet: open a café, a right, choose an indicator…',
    cafe: 'Café opened',
    topic: 'Right opened',
    indicator: 'Indicator chosen',
    submitted: 'Concern sent',
    queued: 'Concern kept on the device',
  },
} as const;

export function App() {
  const [lang, setLang] = useState<Lang>(() =>
    new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'fr',
  );
  const [log, setLog] = useState<string[]>([]);
  const t = TEXT[lang];
  const add = (line: string) => setLog((lines) => [line, ...lines].slice(0, 8));

  // The widgets follow the nearest `lang` above them: the app's wrapper carries it.
  return (
    <div className="app" lang={lang}>
      <header className="app__header">
        <div>
          <p className="app__title">{t.title}</p>
          <p className="app__subtitle">{t.subtitle}</p>
        </div>
        <button
          type="button"
          className="app__lang"
          lang={lang === 'fr' ? 'en' : 'fr'}
          onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}
        >
          {t.switchTo}
        </button>
      </header>
      <main className="app__main">
        <div className="app__widgets">
          <section className="panel">
            <CafeCalendar api="/" onCafeSelect={(e) => add(`${t.cafe} : ${e.detail.cafe.id}`)} />
          </section>
          <section className="panel">
            <ConcernForm
              api="/"
              privacy={{
                controller: { fr: 'Ville d’Amiens (exemple)', en: 'City of Amiens (example)' },
                legalBasis: { fr: 'Mission d’intérêt public', en: 'Public interest task' },
                retention: { fr: 'Un an après la clôture', en: 'One year after closure' },
                dpo: 'dpo@amiens.example',
              }}
              onConcernSubmitted={(e) => add(`${t.submitted} : ${e.detail.receipt.reference}`)}
              onConcernQueued={(e) => add(`${t.queued} : ${e.detail.id}`)}
            />
          </section>
          <section className="panel">
            <RightsExplainer api="/" onTopicOpen={(e) => add(`${t.topic} : ${e.detail.topicId}`)} />
          </section>
          <section className="panel">
            <ActivityStats
              api="/"
              onIndicatorSelect={(e) => add(`${t.indicator} : ${e.detail.indicatorId}`)}
            />
          </section>
        </div>
        <aside className="panel app__log" aria-labelledby="log-title">
          <h2 id="log-title">{t.log}</h2>
          <div role="log" aria-live="polite" data-testid="event-log">
            {log.length === 0 ? <p>{t.empty}</p> : null}
            <ul>
              {log.map((line, i) => (
                <li key={`${log.length - i}`}>{line}</li>
              ))}
            </ul>
          </div>
        </aside>
      </main>
    </div>
  );
}
