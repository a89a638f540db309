// Helpers injected into the VS Code page (playwright addInitScript). Plain browser JavaScript: the
// project's TypeScript setup has no DOM types.
globalThis.dockwall = {
  /** Client rectangle of the first occurrence of `needle` in the active editor's rendered lines. */
  textBox(needle) {
    const lines = document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line');
    for (const lineEl of lines) {
      const texts = [];
      const walker = document.createTreeWalker(lineEl, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t);
      // Monaco renders spaces as U+00A0 (same length, so offsets hold).
      const at = texts.map((t) => t.data.replace(/\u00a0/g, ' ')).join('').indexOf(needle);
      if (at < 0) continue;
      const end = at + needle.length;
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
    return null;
  },

  /** How many `.squiggly-<severity>` decorations of the active editor overlap the screen row [top, top + height). */
  squiggles(severity, top, height) {
    return Array.from(document.querySelectorAll(`.editor-instance .monaco-editor .squiggly-${severity}`)).filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.y < top + height && r.y + r.height > top;
    }).length;
  },
};
