/** Templates: finding, checking and filling in Handlebars templates that produce brief markup. */
export { loadTemplate, listTemplates, findTemplateById, type LoadedTemplate, type LoadTemplateOptions, type TemplateList, type TemplateListing, type TemplateSummary } from './load-template.js';
export { buildTemplateContext, type TemplateContext, type ContextSection, type ContextSource, type ContextKeyFact, type ContextQuote, type ContextOptions } from './context.js';
export { checkTemplate, type CheckTemplateOptions } from './check-template.js';
export { whyTemplateUnusable } from './usability.js';
export type { TemplateDiagnostic } from './diagnostics.js';
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './limits.js';
export { escapeMarkdown } from './markdown-escape.js';
export { formatDate, DATE_FORMATS, type DateFormat } from './dates.js';
export { HELPER_NAMES, HELPER_SPECS } from './helpers.js';
export type { BodyPart } from './body-parts.js';
