/**
 * The concern form's view, a chunk loaded right after its first paint, beside the SDK (issue 21):
 * the steps, the error summary, the sending / queued / sent / failed panels and their texts, and
 * the form's rules (validation, emergency detection, the submission built from the state). The
 * element waits for it with its categories, so no step is shown before it is here; its first view
 * is Lit, the element's state and wiring, its title and the loading and error states.
 */
export { viewMessages } from './form-view.messages.js';
export { renderStepSummary } from './fields.js';
export { renderResult } from './result.js';
export { stepRenderers } from './steps/index.js';
export { countText } from './steps/description.js';
export { missingPrivacy } from './steps/contact.js';
export { positionText } from './steps/location.js';
export { inputId } from './fields.js';
export {
  buildConcernInput,
  detectEmergency,
  hasContent,
  lengthBand,
  validateAll,
  validateStep,
} from './form-rules.js';
export { viewStyles } from './form-view.styles.js';
export { sampleFonts } from './font-sample.js';
