import { S3ObjectStore } from '../../adapters/storage/s3-object-store.ts';
import { objectStoreContract } from '../contract/object-store.contract.ts';
import { freshS3Settings } from '../support/services.ts';

objectStoreContract('S3', async () => {
  const store = new S3ObjectStore(await freshS3Settings());
  await store.ensureBucket();
  return { store, close: async () => store.close() };
});
