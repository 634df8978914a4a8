// Building the pages: elements with attributes and children; text is always set as text, never parsed as HTML.

export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.substring(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value);
    }
  }
  append(element, children);
  return element;
}

/** Replaces the element's children, as el() takes them (arrays flattened, null and false left out). */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

/** "2026-11-27 14:03": a time of the API to the minute, in UTC, as the export writes it too. */
export function minute(at) {
  if (!at) {
    return '';
  }
  return new Date(at).toISOString().substring(0, 16).replace('T', ' ');
}

export function amount(total) {
  return total === null || total === undefined ? '' : Number(total).toFixed(2);
}

export function say(text) {
  const message = document.getElementById('message');
  message.textContent = text;
  setTimeout(() => {
    if (message.textContent === text) {
      message.textContent = '';
    }
  }, 4000);
}
