/** A small element builder: attributes, then children (strings become text, never HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Readonly<Record<string, string | boolean | undefined>> = {}, ...children: Array<Node | string | undefined | false>): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

export interface FieldError {
  /** The id of the input the error belongs to. */
  readonly id: string;
  readonly message: string;
}

/**
 * The error summary at the top of a form: a heading, then one link per error to its field, and
 * focus moved to it so a screen reader announces it. Each field gets aria-invalid and its message.
 */
export function showErrors(form: HTMLElement, summaryTitle: string, errors: readonly FieldError[]): void {
  form.querySelector('.error-summary')?.remove();
  for (const element of form.querySelectorAll('[aria-invalid="true"]')) element.removeAttribute('aria-invalid');
  for (const element of form.querySelectorAll('.field-error')) element.remove();
  if (errors.length === 0) return;
  const summary = h(
    'div',
    { class: 'error-summary', role: 'alert', tabindex: '-1', 'aria-labelledby': 'error-summary-title' },
    h('h2', { id: 'error-summary-title' }, summaryTitle),
    h('ul', {}, ...errors.map((error) => h('li', {}, h('a', { href: `#${error.id}` }, error.message)))),
  );
  form.prepend(summary);
  for (const error of errors) {
    const input = form.querySelector<HTMLElement>(`#${CSS.escape(error.id)}`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    const message = h('p', { class: 'field-error', id: `${error.id}-error` }, error.message);
    const describedBy = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
    describedBy.add(`${error.id}-error`);
    input.setAttribute('aria-describedby', [...describedBy].join(' '));
    // Above the input it belongs to; for a group of choices, above the group.
    const choice = input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox');
    (choice ? (input.closest('fieldset') ?? input) : input).insertAdjacentElement('beforebegin', message);
  }
  summary.focus();
}
