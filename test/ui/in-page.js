// Helpers injected into the VS Code page (playwright addInitScript). Plain browser JavaScript: the
// project's TypeScript setup has no DOM types.
globalThis.dockwall = {
  /** Client rectangle of the first occurrence of `needle` in the active editor's rendered lines. */
  textBox(needle) {
    for (const lineEl of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      const box = boxOf(lineEl, (text) => text.indexOf(needle), needle.length);
      if (box) return box;
    }
    return null;
  },

  /**
   * Client rectangle of `length` characters on line `lineNumber` (1-based) of the active editor,
   * where the line ends with `suffix` (the source text from the wanted column to the end of the line;
   * Monaco renders tabs as spaces, so columns are found from the end).
   */
  tokenBox(lineNumber, suffix, length) {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const number = Array.from(editor?.querySelectorAll('.margin .line-numbers') ?? []).find((el) => el.textContent.trim() === String(lineNumber));
    if (!number) return null;
    const top = number.getBoundingClientRect().y;
    const lineEl = Array.from(editor.querySelectorAll('.view-lines .view-line')).find((el) => Math.abs(el.getBoundingClientRect().y - top) < 2);
    return lineEl ? boxOf(lineEl, (text) => text.replace(/\s+$/, '').lastIndexOf(suffix), Math.max(length, 1)) : null;
  },

  /** The texts of the CodeLens lines right above the first rendered line containing `needle`. */
  codeLensAbove(needle) {
    const box = this.textBox(needle);
    if (!box) return [];
    return Array.from(document.querySelectorAll('.editor-instance .monaco-editor .codelens-decoration'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.bottom <= box.y + 2 && r.bottom >= box.y - box.height - 6;
      })
      .map((el) => el.textContent.trim());
  },

  /** How many `.squiggly-<severity>` decorations of the active editor overlap `box` (its row only when `rowOnly`). */
  squiggles(severity, box, rowOnly) {
    return Array.from(document.querySelectorAll(`.editor-instance .monaco-editor .squiggly-${severity}`)).filter((el) => {
      const r = el.getBoundingClientRect();
      const rows = r.width > 0 && r.y < box.y + box.height && r.y + r.height > box.y;
      const cols = rowOnly || (r.x < box.x + box.width && r.x + r.width > box.x);
      return rows && cols;
    }).length;
  },
};

/** The client rectangle of `length` characters of a rendered line, from the offset `find` returns (-1: none). */
function boxOf(lineEl, find, length) {
  const texts = [];
  const walker = document.createTreeWalker(lineEl, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t);
  // Monaco renders spaces as U+00A0 (same length, so offsets hold).
  const text = texts.map((t) => t.data.replace(/\u00a0/g, ' ')).join('');
  const at = find(text);
  if (at < 0) return null;
  const end = Math.min(at + length, text.length);
  const range = document.createRange();
  let offset = 0;
  for (const t of texts) {
    const next = offset + t.data.length;
    if (at >= offset && at < next) range.setStart(t, at - offset);
    if (end > offset && end <= next) range.setEnd(t, end - offset);
    offset = next;
  }
  const r = range.getBoundingClientRect();
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}
