/**
 * Resolved styles, cached per manifest object: `resolveStyle` validates with
 * zod on every call, which is too slow to do per paragraph.
 */
import { resolveCallout, resolveStyle, type CalloutStyle, type TemplateManifest, type TextStyle } from '../template-manifest.js';

export interface StyleSheet {
  style(name: string): TextStyle;
  callout(kind: string): CalloutStyle;
  /** The colour a style draws in: its own, else a role colour from the manifest. */
  color(name: string): string;
}

const sheets = new WeakMap<TemplateManifest, StyleSheet>();

/** Styles that read as display type take the accent colour; secondary lines the muted one. */
const ROLE_COLORS: Record<string, 'accent' | 'muted'> = {
  title: 'accent',
  h1: 'accent',
  h2: 'accent',
  subtitle: 'muted',
  meta: 'muted',
  attribution: 'muted',
  header: 'muted',
  footer: 'muted',
  note: 'muted',
  calloutTitle: 'accent',
};

export function styleSheet(manifest: TemplateManifest): StyleSheet {
  let sheet = sheets.get(manifest);
  if (sheet) return sheet;
  const styles = new Map<string, TextStyle>();
  const callouts = new Map<string, CalloutStyle>();
  const style = (name: string): TextStyle => {
    let resolved = styles.get(name);
    if (!resolved) {
      resolved = resolveStyle(manifest, name);
      styles.set(name, resolved);
    }
    return resolved;
  };
  sheet = {
    style,
    callout(kind) {
      let resolved = callouts.get(kind);
      if (!resolved) {
        resolved = resolveCallout(manifest, kind);
        callouts.set(kind, resolved);
      }
      return resolved;
    },
    color(name) {
      const own = style(name).color;
      if (own) return own;
      const role = ROLE_COLORS[name];
      return role ? manifest.colors[role] : manifest.colors.text;
    },
  };
  sheets.set(manifest, sheet);
  return sheet;
}
