import { describe, expect, it } from 'vitest';
import { resolveSources } from '../../src/config/resolve-source.ts';
import { parseConfigText } from '../../src/config/load-config.ts';
import { alertRulesOf } from '../../src/notify/alert-rules.ts';
import { problemsOf } from './problems-of.ts';

const hook = (when?: unknown) => ({ type: 'webhook', url: 'https://hooks.example.org/x', ...(when === undefined ? {} : { when }) });
const config = (channels: Record<string, unknown>, notify: unknown[] = ['team']) =>
  JSON.stringify({ sources: [{ id: 'a', url: 'https://example.org/a', notify }], channels });

describe('alert rules in the configuration', () => {
  it('accepts the rule of the configuration contract (issue 17), on a channel and narrowed by a source', () => {
    const when = {
      events: ['figure_changed', 'figure_added', 'figure_removed', 'section_added', 'section_removed', 'section_renamed', 'text_changed', 'stamp_changed', 'moved', 'gone', 'recovered'],
      figures: { kinds: ['money'], match: 'trade', minChangePct: 10, minChange: 0, direction: 'up' },
      confirm: 2,
    };
    const text = config({ team: hook(when), file: { type: 'file', path: 'x.jsonl' } }, ['team', { channel: 'file', when: { events: ['section_added'] } }]);
    expect(problemsOf(text)).toEqual([]);
    const parsed = parseConfigText(text, 'test.json', {});
    expect(resolveSources(parsed)[0]!.notify).toEqual(['team', 'file']);
    const rules = alertRulesOf(parsed);
    expect(rules('a', 'team')).toEqual({ origin: 'channel', when });
    expect(rules('a', 'file')).toEqual({ origin: 'source', when: { events: ['section_added'] } });
    expect(rules('other', 'file')).toBeNull();
  });

  it('a source rule replaces the channel rule for that source only', () => {
    const text = JSON.stringify({
      sources: [
        { id: 'a', url: 'https://example.org/a', notify: [{ channel: 'team', when: { events: ['gone'] } }] },
        { id: 'b', url: 'https://example.org/b', notify: ['team'] },
      ],
      channels: { team: hook({ events: ['moved'] }) },
    });
    const rules = alertRulesOf(parseConfigText(text, 'test.json', {}));
    expect(rules('a', 'team')?.when.events).toEqual(['gone']);
    expect(rules('b', 'team')).toEqual({ origin: 'channel', when: { events: ['moved'] } });
  });

  it('names every problem of bad rules at once, with did-you-mean for names', () => {
    const text = config(
      {
        team: hook({ events: ['figure_chanegd', 'gone'], figures: { kinds: ['mony'], minChangePct: -5, minChange: -1, direction: 'sideways', match: '' }, confirm: 0 }),
        file: { type: 'file', path: 'x.jsonl', when: { events: [], colour: 'red' } },
        side: hook({ events: ['section_added'], figures: { kinds: ['money'] }, confirm: 1.5 }),
      },
      ['team', { channel: 'tem', when: { events: ['recoverd'] } }, 'team'],
    );
    const problems = problemsOf(text);
    const expected = [
      /^channels\.team\.when\.events\[0\]: unknown event "figure_chanegd" — did you mean "figure_changed"\?/,
      /^channels\.team\.when\.figures\.kinds\[0\]: unknown figure kind "mony" — did you mean "money"\?/,
      /^channels\.team\.when\.figures\.minChangePct: a percentage must be 0 or more$/,
      /^channels\.team\.when\.figures\.minChange: a change must be 0 or more$/,
      /^channels\.team\.when\.figures\.direction: must be "up", "down" or "any"$/,
      /^channels\.team\.when\.figures\.match: must not be empty$/,
      /^channels\.team\.when\.confirm: must be at least 1/,
      /^channels\.file\.when\.events: name at least one event/,
      /^channels\.file\.when: .*colour/,
      /^channels\.side\.when\.figures: has no effect: "events" names none of figure_changed/,
      /^channels\.side\.when\.confirm: must be a whole number$/,
      /^sources\[0\]\.notify\[1\]\.when\.events\[0\]: unknown event "recoverd" — did you mean "recovered"\?/,
      /^sources\[0\]\.notify\[1\]\.channel: no channel named "tem" in "channels" — did you mean "team"\?/,
      /^sources\[0\]\.notify\[2\]: channel "team" is already named in sources\[0\]\.notify\[0\]$/,
    ];
    for (const re of expected) expect(problems.some((p) => re.test(p)), `${re} in\n${problems.join('\n')}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it('CLI: a bad rule exits 2, names it and writes nothing', async () => {
    const { mkdtemp, rm, writeFile, readdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { runCli } = await import('../helpers/run-cli.ts');
    const dir = await mkdtemp(join(tmpdir(), 'fw-rule-config-'));
    try {
      await writeFile(join(dir, 'factwatch.config.json'), config({ team: hook({ events: ['sectoin_added'] }) }));
      const r = await runCli(['check', '--all'], { cwd: dir, env: { DATABASE_URL: undefined } });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/channels\.team\.when\.events\[0\]: unknown event "sectoin_added" — did you mean "section_added"\?/);
      expect(await readdir(dir)).toEqual(['factwatch.config.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
