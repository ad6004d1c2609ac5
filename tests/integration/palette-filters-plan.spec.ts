import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ANONYMOUS } from '../../application/actor.ts';
import { Cursors } from '../../application/pagination.ts';
import { SearchThemes } from '../../application/themes/search-themes.ts';
import { analyze, migrate, openOrm, type Orm } from '../../adapters/persistence/mikro-orm/orm.ts';
import { PostgresThemeCatalog } from '../../adapters/persistence/mikro-orm/theme-catalog.ts';
import { HmacCursorSealer } from '../../adapters/security/hmac-cursor-sealer.ts';
import { freshDatabaseUrl } from '../support/services.ts';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };

const FILTER_INDEXES = ['themes_level_idx', 'themes_cvd_safe_idx', 'themes_color_count_idx'];

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The palette filters stay one indexed statement: on 4,000 themes, the statement a filtered page runs is
 * planned with the filters' indexes, never a sequential scan of themes. The plan is asked of PostgreSQL
 * for the very statement and parameters the adapter sent.
 */
describe('PostgreSQL: a page filtered by accessibility, colour-vision safety or palette size reads an index', () => {
  let orm: Orm;
  let search: SearchThemes;
  let sent: { sql: string; params: readonly unknown[] } | undefined;

  before(async function () {
    this.timeout(60_000);
    orm = await openOrm(await freshDatabaseUrl());
    await migrate(orm);
    const connection = orm.em.getConnection();
    const owner = randomUUID();
    await connection.execute(
      `insert into users (id, email, username, password_hash, display_name, role, status, created_at, updated_at) values (?, 'o@example.com', 'o', 'x', 'o', 'user', 'active', now(), now())`,
      [owner],
    );
    // Palettes of 1 to 16 colours; one in 20 reaches AAA, a third AA, a third fails, the rest have no roles;
    // one in 7 is not colour-vision safe; one in 10 is a draft. The columns are generated from these.
    await connection.execute(
      `insert into themes (id, owner_id, slug, name, status, colors, accessibility, palette_oklab, version, created_at, updated_at, search_words, sort_name)
       select gen_random_uuid(), ?, 't-' || i, 'Theme ' || i, case when i % 10 = 9 then 'draft' else 'published' end,
              (select jsonb_agg(jsonb_build_object('name', 'c' || n, 'hex', '#112233')) from generate_series(1, 1 + i % 16) n),
              jsonb_build_object('textContrast', null, 'cvdSafe', i % 7 <> 0,
                'level', case when i % 20 = 0 then 'AAA' when i % 3 = 0 then 'AA' when i % 3 = 1 then 'fail' end),
              '{}', 1, now() - i * interval '1 minute', now(), ''::tsvector, 'theme ' || i
       from generate_series(1, 4000) i`,
      [owner],
    );
    await analyze(orm);
    // Remember the statement the catalogue sends, to ask for its plan.
    const execute = connection.execute.bind(connection);
    connection.execute = ((sql: string, params?: readonly unknown[], ...rest: unknown[]) => {
      if (typeof sql === 'string' && /from themes t/.test(sql)) sent = { sql, params: params ?? [] };
      return (execute as (...args: unknown[]) => Promise<unknown>)(sql, params, ...rest);
    }) as typeof connection.execute;
    search = new SearchThemes(new PostgresThemeCatalog(orm), new Cursors(new HmacCursorSealer('x'.repeat(32))));
  });
  after(() => orm?.close());

  const planOf = async (query: Record<string, string>) => {
    sent = undefined;
    const page = await search.execute(ANONYMOUS, query);
    expect(sent, 'the catalogue’s statement').to.not.equal(undefined);
    const [row] = await orm.em.getConnection().execute<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(`explain (format json) ${sent!.sql}`, sent!.params);
    return { page, nodes: nodesOf(row!['QUERY PLAN'][0].Plan) };
  };

  const queries: Record<string, string>[] = [
    { colors: '7' },
    { accessible: 'AAA' },
    { cvdSafe: 'false', accessible: 'AA' },
    { accessible: 'AA', cvdSafe: 'true', colors: '3', sort: 'name' },
    { accessible: 'AAA', colors: '5', sort: '-favorites' },
  ];
  for (const query of queries)
    it(JSON.stringify(query), async () => {
      const { page, nodes } = await planOf({ ...query, limit: '20' });
      expect(page.items.length, 'a page of matches').to.be.greaterThan(0);
      const described = JSON.stringify(nodes.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']]));
      expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'themes'), described).to.deep.equal([]);
      expect(
        nodes.some((n) => FILTER_INDEXES.includes(n['Index Name'] ?? '')),
        described,
      ).to.equal(true);
      // The next page, after the cursor, is planned alike.
      if (page.nextCursor) {
        const next = await planOf({ ...query, limit: '20', cursor: page.nextCursor });
        expect(next.nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'themes')).to.deep.equal([]);
      }
    });
});
