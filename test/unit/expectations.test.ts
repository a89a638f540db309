import assert from 'node:assert/strict';
import { compareExpectations, parseExpectations } from './helpers/expectations';

describe('inline expectations', () => {
  const text = ['ports:', '  - "5432:5432"', '#   ^^^^^^^^^^^ warning[DW001]: reachable', '#    ^(0) !error[DW009]', ''].join('\n');
  const ex = parseExpectations('c.yaml', text);

  it('parses carets into ranges on the line above, skipping other expectation lines', () => {
    assert.deepEqual(
      ex.map((e) => [e.line, e.start, e.end, e.severity, e.code, e.message, e.negated]),
      [
        [1, 4, 15, 'warning', 'DW001', 'reachable', false],
        [1, 5, 5, 'error', 'DW009', '', true],
      ],
    );
  });

  it('matches exact ranges and reports missing, unexpected and forbidden diagnostics', () => {
    const good = { file: 'c.yaml', line: 1, start: 4, endLine: 1, end: 15, severity: 'warning', code: 'DW001', message: 'is reachable from eth0' };
    assert.deepEqual(compareExpectations(ex, [good], () => true), []);
    const shifted = { ...good, start: 5 };
    const problems = compareExpectations(ex, [shifted, { ...good, severity: 'error', code: 'DW009', message: 'x' }], () => true);
    assert.equal(problems.length, 4, problems.join('\n'));
  });
});
