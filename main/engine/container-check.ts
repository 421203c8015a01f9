/**
 * What a section body leaves open or stray (body-seal.ts) is sealed off
 * before the template's markup follows it, and named in a warning at its
 * line in the section file, so the writer sees it rather than a section set
 * inside one callout or in code to its end:
 *
 * - a `::: callout` (or any container) without its closing line runs to the
 *   end of the section, taking the rest of the text into the box;
 * - a code fence without its closing fence makes the rest of the section code;
 * - a line of colons that closes no container the section opened is printed
 *   as the colons it is.
 */
import type { BriefWarning } from './errors.js';
import { bodyShape, type BodyShape } from './body-seal.js';
import type { Section } from './section-schema.js';

export function unclosedContainerWarnings(sections: readonly Section[]): BriefWarning[] {
  return sections.flatMap((section) =>
    shapeOf(section).unclosed.map(({ line, colons, opener }) => ({
      code: 'CONTAINER_UNCLOSED' as const,
      message: `\`${opener}\` is never closed, so everything after it to the end of the section is set inside it. Close it with a line of ${':'.repeat(colons)} after its last paragraph.`,
      location: { file: section.file, line: section.bodyLine + line },
    })),
  );
}

export function unclosedFenceWarnings(sections: readonly Section[]): BriefWarning[] {
  return sections.flatMap((section) => {
    const fence = shapeOf(section).openFence;
    if (!fence) return [];
    return [
      {
        code: 'FENCE_UNCLOSED' as const,
        message: `the code fence ${fence.mark} opened here is never closed, so everything after it to the end of the section is set as code. Close it with a line of ${fence.mark} after its last line of code.`,
        location: { file: section.file, line: section.bodyLine + fence.line },
      },
    ];
  });
}

export function strayCloserWarnings(sections: readonly Section[]): BriefWarning[] {
  return sections.flatMap((section) =>
    shapeOf(section).stray.map(({ line, colons }) => ({
      code: 'CONTAINER_CLOSE_STRAY' as const,
      message: `\`${colons}\` closes no container opened in the section, so it is printed as it stands rather than closing the template's own. Delete it, or open the container it was meant to close (\`${colons} callout note\` … \`${colons}\`).`,
      location: { file: section.file, line: section.bodyLine + line },
    })),
  );
}

function shapeOf(section: Section): BodyShape {
  // Quick test first: most sections have no fence and no container at all.
  if (!section.body.includes(':::') && !/`{3}|~{3}/.test(section.body)) return { unclosed: [], stray: [] };
  return bodyShape(section.body);
}
