import type { PropsWithChildren } from '@kitajs/html';
import { can } from '../../../../application/actor.ts';
import type { AssetUrls } from '../../assets.ts';
import type { PageState } from '../../context.ts';
import { Notice } from '../components.tsx';
import { Layout } from '../layout.tsx';

export type AdminTab = 'overview' | 'users' | 'audit' | 'moderation' | 'categories' | 'storage';

export type AdminPageProps = { state: PageState; assets: AssetUrls; paletteCss?: string; flash?: string | undefined };

/** Moderators see moderation and categories; admins everything. The use-cases refuse the rest anyway. */
const TABS: { tab: AdminTab; href: string; label: string; visible: (state: PageState) => boolean }[] = [
  { tab: 'overview', href: '/admin', label: 'Overview', visible: () => true },
  { tab: 'users', href: '/admin/users', label: 'Users', visible: (s) => can(s.actor, 'users:manage') },
  { tab: 'audit', href: '/admin/audit', label: 'Audit log', visible: (s) => can(s.actor, 'audit:read') },
  { tab: 'moderation', href: '/admin/moderation', label: 'Moderation', visible: (s) => can(s.actor, 'themes:moderate') },
  { tab: 'categories', href: '/admin/categories', label: 'Categories', visible: (s) => can(s.actor, 'categories:manage') },
  { tab: 'storage', href: '/admin/storage', label: 'Storage', visible: (s) => can(s.actor, 'stats:read') },
];

export function AdminLayout({ title, tab, state, assets, paletteCss, flash, children }: PropsWithChildren<AdminPageProps & { title: string; tab: AdminTab }>): JSX.Element {
  return (
    <Layout title={title} state={state} assets={assets} paletteCss={paletteCss} section="admin">
      <div class="admin">
        <nav class="admin-nav" aria-label="Administration">
          <ul>
            {TABS.filter((t) => t.visible(state)).map((t) => (
              <li>
                <a href={t.href} aria-current={t.tab === tab ? 'page' : undefined} safe>
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="admin-main">
          <h1 safe>{title}</h1>
          {flash ? (
            <Notice tone="info">
              <span safe>{flash}</span>
            </Notice>
          ) : (
            ''
          )}
          {children as 'safe'}
        </div>
      </div>
    </Layout>
  );
}
