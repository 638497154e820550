/** Shows validation problems next to their controls, and as a list that leads to them. */
import { h } from '../common/dom';
import type { Problem } from './validate';
import { alertBox } from './widgets';

export function showProblems(root: HTMLElement, problems: readonly Problem[]): void {
  for (const row of root.querySelectorAll<HTMLElement>('.mks-row')) {
    row.classList.remove('mks-row--invalid');
    const slot = row.querySelector<HTMLElement>(':scope > .mks-field-error');
    if (slot) {
      slot.textContent = '';
      slot.hidden = true;
    }
  }
  for (const problem of problems) {
    const row = rowFor(root, problem.target);
    const slot = row?.querySelector<HTMLElement>(':scope > .mks-field-error');
    if (!row || !slot) continue;
    row.classList.add('mks-row--invalid');
    slot.textContent = slot.textContent ? `${slot.textContent} ${problem.message}` : problem.message;
    slot.hidden = false;
  }
}

export function problemList(root: HTMLElement, heading: string, problems: readonly Problem[]): HTMLElement {
  return alertBox(
    'error',
    h('p', null, heading),
    h(
      'ul',
      { className: 'mks-problems' },
      ...problems.map((problem) => {
        const row = rowFor(root, problem.target);
        const label = row?.querySelector('.kintoneplugin-label')?.textContent?.replace(/\s*\*$/, '') ?? problem.target;
        return h(
          'li',
          { attrs: { 'data-target': problem.target } },
          row
            ? h(
                'button',
                {
                  className: 'mks-link-button',
                  attrs: { type: 'button' },
                  on: {
                    click: () => {
                      row.scrollIntoView({ block: 'center' });
                      row.querySelector<HTMLElement>('select, input')?.focus();
                    },
                  },
                },
                label,
              )
            : h('strong', null, label),
          `: ${problem.message}`,
        );
      }),
    ),
  );
}

/** The row for a config path, or for the nearest enclosing path that has one. */
function rowFor(root: HTMLElement, target: string): HTMLElement | null {
  for (let path = target; path; path = path.slice(0, Math.max(0, path.lastIndexOf('.')))) {
    const row = root.querySelector<HTMLElement>(`.mks-row[data-target="${CSS.escape(path)}"]`);
    if (row) return row;
  }
  return null;
}
