// Packet-path webview: switches between traffic classes and asks the extension to open rule
// locations. No network access, no inline handlers; loaded with the page's nonce.
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const select = document.getElementById('dw-class');
  const heading = document.querySelector('h1');
  const title = heading ? heading.textContent : '';

  function show(index) {
    for (const section of document.querySelectorAll('section.dw-class')) {
      section.hidden = section.getAttribute('data-class') !== String(index);
    }
  }

  if (select instanceof HTMLSelectElement) {
    const state = vscode.getState();
    if (state && state.title === title && state.selected < select.options.length) {
      select.value = String(state.selected);
      show(state.selected);
    }
    select.addEventListener('change', () => {
      show(select.value);
      vscode.setState({ title, selected: Number(select.value) });
    });
  }

  function open(target) {
    const link = target instanceof Element ? target.closest('[data-uri]') : null;
    if (!link) return false;
    vscode.postMessage({ type: 'open', uri: link.getAttribute('data-uri'), line: Number(link.getAttribute('data-line')) });
    return true;
  }

  document.addEventListener('click', (event) => {
    if (open(event.target)) event.preventDefault();
  });
  document.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && open(event.target)) event.preventDefault();
  });

  const refresh = document.getElementById('dw-refresh');
  if (refresh) refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
})();
