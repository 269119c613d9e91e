/** One render function per step of <prox-concern-form>, each a function of the form's context. */
import type { TemplateResult } from 'lit';
import type { FormContext } from '../form-context.js';
import type { Step } from '../form-model.js';
import { renderCategoryStep } from './category.js';
import { renderContactStep } from './contact.js';
import { renderDescriptionStep } from './description.js';
import { renderDetailsStep } from './details.js';
import { renderLocationStep } from './location.js';
import { renderReviewStep } from './review.js';

export const stepRenderers: Readonly<Record<Step, (ctx: FormContext) => TemplateResult>> = {
  category: renderCategoryStep,
  description: renderDescriptionStep,
  location: renderLocationStep,
  details: renderDetailsStep,
  contact: renderContactStep,
  review: renderReviewStep,
};
