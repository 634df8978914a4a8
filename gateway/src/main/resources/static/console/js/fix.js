// Fixing a sent invoice that was not delivered: why, in the words of the gateway's diagnosis, and one form for each
// fix the diagnosis offers (it alone decides which make sense). Each form calls the path the diagnosis names.
import { api, ApiError, send, SessionEnded } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

/**
 * The "why not delivered" panel, or null when there is nothing to explain or do.
 * after.done(text): the fix was applied; after.failed(text): it was refused for the whole invoice (the page then
 * shows the invoice afresh); after.replaced(id, text): a corrected document became the invoice of that id.
 */
export function fixPanel(invoice, diagnosis, after) {
  if (!diagnosis.reason && diagnosis.fixes.length === 0) {
    return null;
  }
  const title = !diagnosis.reason ? 'fix.title' : invoice.status === 'RETRY_SCHEDULED' ? 'fix.notYet' : 'fix.why';
  return el('section', { id: 'fix-actions', class: 'card fix-actions', 'aria-labelledby': 'fix-title',
    'data-status': invoice.status },
  el('h2', { id: 'fix-title' }, t(title)),
  el('p', { id: 'reason', class: diagnosis.reason ? 'reason' : null }, diagnosis.explanation),
  diagnosis.detail ? el('details', {}, el('summary', {}, t('fix.detail')), el('p', {}, diagnosis.detail)) : '',
  el('div', { class: 'fixes' }, diagnosis.fixes.filter((fix) => FORMS[fix.fix])
    .map((fix) => FORMS[fix.fix](fix, diagnosis, after))));
}

const FORMS = {
  CORRECT_RECIPIENT: (fix, diagnosis, after) => {
    const field = el('input', { id: 'fix-participant', name: 'participant', required: true, autocomplete: 'off',
      spellcheck: 'false', value: diagnosis.receiver || '', 'aria-describedby': 'fix-participant-help fix-participant-error' });
    return fixForm(fix, 'fix-recipient', 'fix.recipientSubmit', after, {
      fields: [el('label', { for: 'fix-participant' }, t('fix.participant')), field,
        el('p', { id: 'fix-participant-help', class: 'muted' }, t('fix.participantHelp'))],
      field,
      send: async () => {
        const participant = field.value.trim();
        await api(fix.method, fix.path, { participant });
        return t('fix.recipientDone', { participant });
      },
    });
  },
  RESEND: (fix, diagnosis, after) => fixForm(fix, 'fix-resend', 'fix.resendSubmit', after, {
    fields: [el('p', { class: 'muted' }, t('fix.resendHelp'))],
    send: async () => {
      await api(fix.method, fix.path);
      return t('fix.resent');
    },
  }),
  UPLOAD_CORRECTED: (fix, diagnosis, after) => {
    const field = el('input', { id: 'fix-file', name: 'document', type: 'file', required: true,
      accept: '.xml,application/xml,text/xml', 'aria-describedby': 'fix-file-help fix-file-error' });
    return fixForm(fix, 'fix-upload', 'fix.uploadSubmit', after, {
      fields: [el('label', { for: 'fix-file' }, t('fix.file')), field,
        el('p', { id: 'fix-file-help', class: 'muted' }, t('fix.fileHelp'))],
      field,
      send: async () => {
        const answer = await send(fix.method, fix.path,
          new Blob([await field.files[0].arrayBuffer()], { type: 'application/xml' }));
        after.replaced(answer.id, t('fix.replacedDone', { number: answer.invoiceNumber || answer.id }));
        return null;
      },
    });
  },
  CANCEL: (fix, diagnosis, after) => {
    const field = el('textarea', { id: 'fix-cancel-reason', name: 'reason', required: true, rows: 2,
      'aria-describedby': 'fix-cancel-help fix-cancel-reason-error' });
    const form = fixForm(fix, 'fix-cancel', 'fix.cancelConfirm', after, {
      fields: [el('p', { id: 'fix-cancel-help', class: 'muted' }, t('fix.cancelHelp')),
        el('label', { for: 'fix-cancel-reason' }, t('fix.cancelReason')), field],
      field,
      send: async () => {
        await api(fix.method, fix.path, { reason: field.value.trim() });
        return t('fix.cancelled');
      },
    });
    // cancelling is final: the reason and an explicit second button show only after asking for it
    const step = form.querySelector('.fix-body');
    const open = el('button', { type: 'button', id: 'fix-cancel-open', 'aria-expanded': 'false',
      'aria-controls': step.id, onclick: () => toggle(true) }, t('fix.cancelOpen'));
    const toggle = (asking) => {
      step.hidden = !asking;
      open.hidden = asking;
      open.setAttribute('aria-expanded', String(asking));
      (asking ? field : open).focus();
    };
    step.hidden = true;
    step.append(el('button', { type: 'button', id: 'fix-cancel-keep', onclick: () => toggle(false) }, t('fix.cancelKeep')));
    form.insertBefore(open, step);
    return form;
  },
};

/**
 * One fix as a form: its heading (the diagnosis's words for it), its fields, and a button. A refusal that concerns
 * the field (400) is shown next to it; any other is shown for the whole invoice.
 */
function fixForm(fix, id, submitKey, after, { fields, field, send }) {
  const error = el('p', { id: field ? `${field.id}-error` : `${id}-error`, class: 'error', role: 'alert' });
  const button = el('button', { type: 'submit', class: fix.fix === 'CANCEL' ? 'danger' : 'primary',
    id: `${id}-submit` }, t(submitKey));
  const form = el('form', { class: 'fix', id, 'aria-labelledby': `${id}-title`, onsubmit: async (event) => {
    event.preventDefault();
    error.textContent = '';
    field?.removeAttribute('aria-invalid');
    button.disabled = true;
    button.textContent = t('fix.busy');
    try {
      const text = await send();
      if (text) {
        after.done(text);
      }
    } catch (failure) {
      if (failure instanceof SessionEnded) {
        location.reload(); // to the login page
      } else if (failure instanceof ApiError && failure.status !== 409 && field) {
        error.replaceChildren(failure.message, findingsOf(failure));
        field.setAttribute('aria-invalid', 'true');
        field.focus();
      } else { // the invoice's state does not allow it (any more), or the gateway could not be reached
        after.failed(t('fix.failed', { detail: failure.message }));
      }
    } finally {
      button.disabled = false;
      button.textContent = t(submitKey);
    }
  } },
  el('h3', { id: `${id}-title` }, fix.label),
  el('div', { class: 'fix-body', id: `${id}-body` }, fields, error, button));
  return form;
}

/** The validation's findings of a rejected corrected document, each in a line. */
function findingsOf(failure) {
  const errors = (failure.problem && failure.problem.errors) || [];
  if (errors.length === 0) {
    return '';
  }
  return el('ul', { class: 'findings' }, errors.map((finding) =>
    el('li', {}, finding.line ? t('fix.findingAt', { line: finding.line }) + ' ' : '', finding.message)));
}
