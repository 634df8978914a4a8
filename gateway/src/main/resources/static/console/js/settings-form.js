// The pieces every settings section is built of: fields whose server error appears next to them, forms that show a
// refusal in words, read-only pages for support staff, and files saved from an answer.
import { ApiError } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/** A labelled input; its id is "<form>-<name>", and a refusal that names the field is shown under it. */
export function field(form, name, value, attributes = {}) {
  const input = el(attributes.rows ? 'textarea' : 'input', {
    id: `${form}-${name}`, name, type: attributes.rows ? null : 'text', ...attributes,
  });
  if (value !== undefined && value !== null) {
    input.value = value;
  }
  return el('label', { class: 'field' }, t(`${form}.${name}`), input,
    el('span', { class: 'field-error error', 'data-error-for': name, role: 'alert' }));
}

/** A choice of the languages, each by its own name. */
export function languageField(form, value, codes, names) {
  return el('label', { class: 'field' }, t(`${form}.language`),
    el('select', { id: `${form}-language`, name: 'language' },
      codes.map((code) => el('option', { value: code, selected: code === value }, names(code)))),
    el('span', { class: 'field-error error', 'data-error-for': 'language', role: 'alert' }));
}

/**
 * A form of the fields (elements, or lists of them) that runs the action on submit. A refusal of the API is shown
 * next to the field it names ("The field 'iban' ..."), otherwise at the foot of the form. Support staff see the form
 * with its fields disabled and no button.
 */
export function form(id, context, submitKey, fields, action) {
  const failure = el('p', { class: 'error form-error', role: 'alert' });
  const element = el('form', {
    class: 'settings', id, onsubmit: async (event) => {
      event.preventDefault();
      clearErrors(element);
      try {
        await action(element);
      } catch (error) {
        showError(element, failure, error);
      }
    },
  }, fields.flat(),
  context.readOnly ? '' : el('button', { class: 'primary', type: 'submit', id: `${id}-submit` }, t(submitKey)),
  failure);
  if (context.readOnly) {
    element.querySelectorAll('input, select, textarea').forEach((input) => { input.disabled = true; });
  }
  return element;
}

/** The value of each named field, trimmed; an empty one as "", which the API takes as "clear it" (null: "leave it"). */
export function values(element, names) {
  return Object.fromEntries(names.map((name) => [name, element.elements[name].value.trim()]));
}

function clearErrors(element) {
  element.querySelectorAll('.field-error, .form-error').forEach((slot) => { slot.textContent = ''; });
}

function showError(element, failure, error) {
  if (!(error instanceof ApiError)) {
    throw error;
  }
  const named = /field '([A-Za-z]+)/.exec(error.message);
  const slot = named && element.querySelector(`[data-error-for="${named[1]}"]`);
  (slot || failure).textContent = error.message;
}

/** A button that changes something; support staff do not get it (the API would refuse them anyway). */
export function actionButton(context, id, key, onclick) {
  return context.readOnly ? '' : el('button', { type: 'button', id, onclick }, t(key));
}

/** Runs an action of a button; a refusal of the API is shown in the section's outcome line. */
export async function attempt(context, action) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    context.refused(error.message);
  }
}

/** A card of a section, with its heading. */
export function card(titleKey, ...children) {
  return el('div', { class: 'card' }, el('h2', {}, t(titleKey)), ...children);
}

/** Offers the blob of an answer to the browser as a file to keep. */
export function saveFile(blob, fileName) {
  const link = el('a', { href: URL.createObjectURL(blob), download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** The answer of the API, or the fallback when it answers 404 (a thing not set yet). */
export async function orNone(promise, fallback = null) {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return fallback;
    }
    throw error;
  }
}
