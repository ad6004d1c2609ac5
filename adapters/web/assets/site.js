// Small enhancements only: every page works without this file.
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  // The catalogue's filters: picking a colour ticks "Near" and searches; a changed menu searches at once.
  const form = document.querySelector('form[data-autosubmit]');
  if (form) {
    const near = form.querySelector('#bycolor');
    const picker = form.querySelector('#pick');
    let timer;
    picker?.addEventListener('input', () => {
      if (near) near.checked = true;
      clearTimeout(timer);
      timer = setTimeout(() => form.requestSubmit(), 400);
    });
    for (const select of form.querySelectorAll('select')) select.addEventListener('change', () => form.requestSubmit());
    near?.addEventListener('change', () => form.requestSubmit());
  }

  // Destructive buttons ask first (the server does not depend on it).
  for (const danger of document.querySelectorAll('form[data-confirm]')) {
    danger.addEventListener('submit', (event) => {
      if (!window.confirm(danger.dataset.confirm)) event.preventDefault();
    });
  }
});
