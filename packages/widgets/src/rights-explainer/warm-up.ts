/**
 * What <prox-rights-explainer> renders off the document while its content loads, so the tasks that
 * show the content do not prepare templates (issue 21: Lit parses each template once per page, and
 * the first render's tasks did it for every template at once). A module of its own: a lazy chunk,
 * not part of the widget's first view.
 */
import { render } from 'lit';
import type { RightsContent, RightsTopic } from '@proximite/contract';
import { newTask } from '../kit/base-element.js';

/**
 * A content with one of each part the first render shows, with most optional parts: a topic with
 * a summary and the legal notice, an item to verify with its status and a linked source, a help
 * number reached by phone, text and site, a city's own contact. `-` is the shortest text.
 */
export const warmUpContent: RightsContent = {
  schemaVersion: '-',
  jurisdiction: '-',
  locales: ['fr'],
  lastReviewed: '2026-01-01',
  reviewBy: '2026-01-01',
  disclaimer: { fr: '-' },
  sources: { s: { title: '-', url: 'https://example.org/', kind: 'law', accessed: '2026-01-01' } },
  topics: [
    {
      id: '-',
      title: { fr: '-' },
      summary: { fr: '-' },
      appliesTo: [],
      legalNotice: true,
      sections: [
        {
          id: '-',
          title: { fr: '-' },
          items: [{ id: '-', text: { fr: '-' }, sources: ['s'], status: 'in-force', confidence: 'verify' }],
        },
      ],
    },
  ],
  contacts: [
    {
      id: '-',
      number: '17',
      url: 'https://example.org/',
      label: { fr: '-' },
      description: { fr: '-' },
      channels: ['phone', 'sms'],
      hours: '24/7',
      free: true,
      sources: ['s'],
      confidence: 'verify',
    },
  ],
  localContacts: [
    {
      id: '-',
      kind: 'police-municipale',
      name: '-',
      address: '-',
      phone: '17',
      email: '-',
      url: 'https://example.org/',
      hours: '-',
      description: { fr: '-' },
    },
  ],
};

/**
 * Renders the parts `steps` gives for {@link warmUpContent} and its topic off the document, each in
 * a task of its own (issue 21: each a task of a few milliseconds, none of them long).
 */
export async function warmUp(
  steps: (content: RightsContent, topic: RightsTopic) => (() => unknown)[],
): Promise<void> {
  for (const step of steps(warmUpContent, warmUpContent.topics[0]!)) {
    await newTask();
    render(step(), document.createDocumentFragment());
  }
}
