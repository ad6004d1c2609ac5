/**
 * Every container image the project names, pinned to an exact release tag (never a moving one such as
 * `17-alpine`): docker-compose.yaml must use exactly these, and the tests' containers
 * (tests/support/services.ts) start only these (tests/unit/deployment.spec.ts), so the tests run on
 * the PostgreSQL the deployment runs.
 * MinIO left Docker Hub in September 2026 (pulls fail as "access denied"); quay.io keeps its tags.
 */
export const PINNED_IMAGES = {
  postgres: 'postgres:17.6-bookworm',
  minio: 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z.hotfix.7aa24e772',
  mc: 'quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z',
} as const;
