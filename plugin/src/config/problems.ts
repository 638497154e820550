/** Shows validation problems next to their controls, and as a list that leads to them. */
import { h } from '../common/dom';
import type { Problem } from './validate';
import { alertBox } from './widgets';

/** The problems shown now, per screen: a fix clears its own problem without waiting for the next Save. */
const shown = new WeakMap<HTMLElement, readonly Problem[]>();

export function problemsShown(root: HTMLElement): Problem[] {
  return [...(shown.get(root) ?? [])];
}

export function showProblems(root: HTMLElement, problems: readonly Problem[]): void {
  shown.set(root, [...problems]);
  for (const row of root.querySelectorAll<HTMLElement>('.mks-row')) {
    row.classList.remove('mks-row--invalid');
    for (const control of row.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
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
    for (const control of ownControls(row)) control.setAttribute('aria-invalid', 'true');
    slot.textContent = slot.textContent ? `${slot.textContent} ${problem.message}` : problem.message;
    slot.hidden = false;
  }
  markSections(root);
}

/**
 * After an edit of the setting `edited` (a config path): keeps only the shown problems that are still found now,
 * with their current wording, so a fixed setting loses its error at once; problems not shown yet wait for the next
 * Save. The server's findings stay until their own setting is edited. Returns what remains shown.
 */
export function refreshProblems(root: HTMLElement, current: readonly Problem[], edited: string | undefined): Problem[] {
  const before = shown.get(root) ?? [];
  if (before.length === 0) return [];
  const targets = new Set(before.filter((p) => p.origin !== 'server').map((p) => p.target));
  const remaining = [
    ...before.filter((p) => p.origin === 'server' && p.target !== edited),
    ...current.filter((p) => targets.has(p.target)),
  ];
  const same =
    remaining.length === before.length &&
    remaining.every((p) => before.some((b) => b.target === p.target && b.message === p.message));
  if (!same) showProblems(root, remaining);
  return remaining;
}

/** Scrolls the first setting with a problem into view and puts the focus on its control. */
export function focusFirstProblem(root: HTMLElement): boolean {
  const row = root.querySelector<HTMLElement>('.mks-row--invalid');
  if (!row) return false;
  row.scrollIntoView({ block: 'center' });
  (ownControls(row)[0] ?? row.querySelector<HTMLElement>('input, select, textarea'))?.focus({ preventScroll: true });
  return true;
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
                      ownControls(row)[0]?.focus({ preventScroll: true });
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

/** The focusable controls of a row, not those of rows inside it. */
function ownControls(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('input, select, textarea')].filter(
    (control) => control.closest('.mks-row') === row,
  );
}

/** Marks the in-page navigation's links of sections that hold a problem. */
function markSections(root: HTMLElement): void {
  for (const link of root.querySelectorAll<HTMLElement>('.mks-nav__link')) {
    const section = root.querySelector(`#${CSS.escape(link.dataset.section ?? '')}`);
    link.toggleAttribute('data-invalid', section?.querySelector('.mks-row--invalid') != null);
  }
}

/** The row for a config path, or for the nearest enclosing path that has one. */
function rowFor(root: HTMLElement, target: string): HTMLElement | null {
  for (let path = target; path; path = path.slice(0, Math.max(0, path.lastIndexOf('.')))) {
    const row = root.querySelector<HTMLElement>(`.mks-row[data-target="${CSS.escape(path)}"]`);
    if (row) return row;
  }
  return null;
}
