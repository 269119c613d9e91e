export { ProxElement, type Theme } from './base-element.js';
export { defineElement } from './define.js';
export { ProxEvent } from './events.js';
export {
  LocalizeController,
  defineMessages,
  normalizeLang,
  resolveLang,
  findLangTag,
  supportedLanguages,
  defaultLang,
  type Lang,
  type Translations,
  type MessageTable,
  type LocalizedTextLike,
} from './localize.js';
export {
  DataController,
  describeError,
  WidgetError,
  type DataControllerOptions,
  type RenderStates,
} from './data.controller.js';
export { tokenStyles } from './tokens.styles.js';
export { kitMessages } from './kit.messages.js';
