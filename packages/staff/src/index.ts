// @proximite/staff: the staff console's classes and what sections share. Importing this module
// defines no tag; import `@proximite/staff/define.js` for that.
export { StaffConsole } from './console/staff-console.js';
export { sections, findSection, type SectionDefinition } from './console/sections.js';
export { parseRoute, formatRoute, sameRoute, type Route } from './console/router.js';
export { StaffSection } from './shared/section.js';
export type { StaffContext, StaffIdentity } from './shared/context.js';
