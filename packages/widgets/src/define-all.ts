// The all-in-one entry: defines every Proximité tag. Loading it twice, or next to another copy of
// Proximité, is harmless (the kit's guarded define keeps the first definition).
import './cafe-calendar/define.js';
import './concern-form/define.js';
import './rights-explainer/define.js';
import './activity-stats/define.js';
import './priorities/define.js';
