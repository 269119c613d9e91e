// @proximite/widgets: the widget classes and the kit. Importing this module defines no tag;
// import `@proximite/widgets/define-all.js` (or one widget's define.js) for that.
export * from './kit/index.js';
