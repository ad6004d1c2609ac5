import type { AssetUrls } from '../assets.ts';
import type { PageState } from '../context.ts';
import { Layout } from './layout.tsx';

export type ErrorPageProps = { state: PageState; assets: AssetUrls; status: number; title: string; message: string; requestId?: string };

export function ErrorPage({ state, assets, status, title, message, requestId }: ErrorPageProps): JSX.Element {
  return (
    <Layout title={title} state={state} assets={assets}>
      <div class="narrow error-page">
        <p class="error-status">{status}</p>
        <h1 safe>{title}</h1>
        <p safe>{message}</p>
        {requestId ? (
          <p class="muted">
            Request id: <code safe>{requestId}</code>
          </p>
        ) : (
          ''
        )}
        <p>
          <a href="/">Back to the catalogue</a>
        </p>
      </div>
    </Layout>
  );
}
