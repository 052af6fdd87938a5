// One describe per entry of src/catalog/entries/objects.ts: a use written the way the library's docs show
// it (store kind, access and line), and a look-alike that must not be reported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StateMap } from '../../../src/core/model/types';
import { analyzeFiles, edgeSummary, locationSummary } from '../../helpers/workspace';

/** Source text from lines: a location's line is its index in the list plus one. */
const src = (...lines: string[]): string => lines.join('\n') + '\n';
/** `file:line kind access library` of a workspace whose code is `src/app.ts` (plus `extra` files). */
const found = (code: string, extra: Record<string, string> = {}): string[] => locationSummary(analyzeFiles({ 'src/app.ts': code, ...extra }));
/** `file:line target` of every location that names a target (environment variables left out), sorted. */
const targets = (map: StateMap): string[] =>
  map.edges.filter((e) => e.store !== 'env').flatMap((e) => e.locations.filter((l) => l.target).map((l) => `${l.file}:${l.line} ${l.target}`)).sort();

describe('@aws-sdk/client-s3', () => {
  test('send(new XCommand({ Bucket })): Put writes, Get and ListObjectsV2 read, the bucket is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { S3Client, PutObjectCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';",
        'const client = new S3Client({});',
        'export async function hello() {',
        "  await client.send(new PutObjectCommand({ Bucket: 'amzn-s3-demo-bucket', Key: 'hello-s3.txt', Body: 'Hello S3!' }));",
        "  const { Body } = await client.send(new GetObjectCommand({ Bucket: 'amzn-s3-demo-bucket', Key: 'hello-s3.txt' }));",
        "  const list = await client.send(new ListObjectsV2Command({ Bucket: 'amzn-s3-demo-bucket', MaxKeys: 10 }));",
        '  return [Body, list.Contents];',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 s3 write @aws-sdk/client-s3',
      'src/app.ts:5 s3 read @aws-sdk/client-s3',
      'src/app.ts:6 s3 read @aws-sdk/client-s3',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 amzn-s3-demo-bucket', 'src/app.ts:5 amzn-s3-demo-bucket', 'src/app.ts:6 amzn-s3-demo-bucket']);
  });

  test('a client exported from one file and used in another; the aggregated S3 class', () => {
    const map = analyzeFiles({
      'src/s3.ts': src("import { S3Client } from '@aws-sdk/client-s3';", "export const s3 = new S3Client({ region: process.env.AWS_REGION });"),
      'src/avatars.ts': src(
        "import { DeleteObjectCommand, S3 } from '@aws-sdk/client-s3';",
        "import { s3 } from './s3';",
        "export const remove = (key: string) => s3.send(new DeleteObjectCommand({ Bucket: 'avatars', Key: key }));",
        "export const copy = (key: string) => new S3({}).copyObject({ Bucket: 'backup', CopySource: `avatars/${key}`, Key: key });",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/avatars.ts:3 s3 write @aws-sdk/client-s3', 'src/avatars.ts:4 s3 write @aws-sdk/client-s3']);
    assert.deepEqual(targets(map), ['src/avatars.ts:3 avatars', 'src/avatars.ts:4 backup']);
  });

  test('look-alikes: a command never sent, middleware, a send() on an unrelated mailer', () => {
    assert.deepEqual(found(src(
      "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
      'const client = new S3Client({});',
      "client.middlewareStack.add((next) => (args) => next(args), { step: 'build' });",
      "export const draft = new GetObjectCommand({ Bucket: 'b', Key: 'k' });",
      "const mailer = { send: (to: string) => to.length };",
      "export const sent = mailer.send('ops@example.com');",
    )), []);
  });
});

describe('@aws-sdk/lib-storage', () => {
  test('new Upload({ client, params }) writes where it is made and where it is awaited', () => {
    assert.deepEqual(found(src(
      "import { S3Client } from '@aws-sdk/client-s3';",
      "import { Upload } from '@aws-sdk/lib-storage';",
      'export async function send(body: NodeJS.ReadableStream) {',
      "  const upload = new Upload({ client: new S3Client({}), params: { Bucket: 'uploads', Key: 'big.bin', Body: body } });",
      "  upload.on('httpUploadProgress', (p) => console.log(p.loaded));",
      '  await upload.done();',
      '}',
    )), ['src/app.ts:4 s3 write @aws-sdk/lib-storage', 'src/app.ts:6 s3 write @aws-sdk/lib-storage']);
  });

  test('look-alike: a type-only import of Upload', () => {
    assert.deepEqual(found(src(
      "import type { Upload } from '@aws-sdk/lib-storage';",
      'export const cancel = (u: Pick<Upload, "abort">) => u.abort();',
    )), []);
  });
});

describe('@aws-sdk/s3-request-presigner', () => {
  test('getSignedUrl(client, command): the command decides; createPresignedPost writes', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';",
        "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
        "import { createPresignedPost } from '@aws-sdk/s3-presigned-post';",
        'const client = new S3Client({});',
        "export const download = () => getSignedUrl(client, new GetObjectCommand({ Bucket: 'invoices', Key: 'a.pdf' }), { expiresIn: 3600 });",
        "export const upload = () => getSignedUrl(client, new PutObjectCommand({ Bucket: 'invoices', Key: 'b.pdf' }), { expiresIn: 60 });",
        "export const form = () => createPresignedPost(client, { Bucket: 'forms', Key: 'f.bin', Expires: 600 });",
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:5 s3 read @aws-sdk/s3-request-presigner',
      'src/app.ts:6 s3 write @aws-sdk/s3-request-presigner',
      'src/app.ts:7 s3 write @aws-sdk/s3-request-presigner',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 invoices', 'src/app.ts:6 invoices', 'src/app.ts:7 forms']);
  });

  test('look-alike: a getSignedUrl of another library (CloudFront)', () => {
    assert.deepEqual(found(src(
      "import { getSignedUrl } from '@aws-sdk/cloudfront-signer';",
      "export const url = getSignedUrl({ url: 'https://d111111abcdef8.cloudfront.net/a.png', keyPairId: 'K', privateKey: 'p', dateLessThan: '2030-01-01' });",
    ), { 'package.json': JSON.stringify({ name: 'app', dependencies: { '@aws-sdk/cloudfront-signer': '*' } }) }), []);
  });
});

describe('@google-cloud/storage', () => {
  test('bucket(…).upload/save write, file(…).download and getFiles read; the bucket is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Storage } from '@google-cloud/storage';",
        'const storage = new Storage();',
        "const bucket = storage.bucket('my-bucket');",
        'export async function sync(localPath: string, data: Buffer) {',
        "  await bucket.upload(localPath, { destination: 'dest.txt' });",
        "  await bucket.file('report.csv').save(data);",
        "  await bucket.file('file.txt').download({ destination: '/tmp/file.txt' });",
        '  const [files] = await bucket.getFiles();',
        "  await storage.bucket('my-bucket').file('old.txt').delete();",
        '  return files;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:5 gcs write @google-cloud/storage',
      'src/app.ts:6 gcs write @google-cloud/storage',
      'src/app.ts:7 gcs read @google-cloud/storage',
      'src/app.ts:8 gcs read @google-cloud/storage',
      'src/app.ts:9 gcs write @google-cloud/storage',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 my-bucket', 'src/app.ts:6 my-bucket', 'src/app.ts:7 my-bucket', 'src/app.ts:8 my-bucket', 'src/app.ts:9 my-bucket']);
  });

  test('a Bucket parameter in another file', () => {
    assert.deepEqual(found(src(
      "import type { Bucket } from '@google-cloud/storage';",
      "export const exists = (bucket: Bucket) => bucket.file('flag').exists();",
    )), ['src/app.ts:2 gcs read @google-cloud/storage']);
  });

  test('look-alike: choosing a bucket and a file is not an access', () => {
    assert.deepEqual(found(src(
      "import { Storage } from '@google-cloud/storage';",
      "export const file = new Storage().bucket('media').file('a.png');",
      "export const name = file.name;",
    )), []);
  });
});

describe('@azure/storage-blob', () => {
  test('container and blob clients: upload writes, download and listBlobsFlat read; the container is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { BlobServiceClient } from '@azure/storage-blob';",
        'const blobServiceClient = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE_CONNECTION_STRING!);',
        'export async function store(content: string) {',
        "  const containerClient = blobServiceClient.getContainerClient('mycontainer');",
        '  await containerClient.createIfNotExists();',
        "  const blockBlobClient = containerClient.getBlockBlobClient('blob.txt');",
        '  await blockBlobClient.upload(content, content.length);',
        '  for await (const blob of containerClient.listBlobsFlat()) console.log(blob.name);',
        '  return blockBlobClient.download(0);',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:5 azure-blob write @azure/storage-blob',
      'src/app.ts:7 azure-blob write @azure/storage-blob',
      'src/app.ts:8 azure-blob read @azure/storage-blob',
      'src/app.ts:9 azure-blob read @azure/storage-blob',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 mycontainer', 'src/app.ts:7 mycontainer', 'src/app.ts:8 mycontainer', 'src/app.ts:9 mycontainer']);
  });

  test('new BlobServiceClient(url, credential) and a ContainerClient parameter', () => {
    assert.deepEqual(found(src(
      "import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';",
      "import { DefaultAzureCredential } from '@azure/identity';",
      "const service = new BlobServiceClient('https://acct.blob.core.windows.net', new DefaultAzureCredential());",
      "export const containers = () => service.listContainers();",
      "export const drop = (c: ContainerClient) => c.deleteBlob('old.txt');",
    )), ['src/app.ts:4 azure-blob read @azure/storage-blob', 'src/app.ts:5 azure-blob write @azure/storage-blob']);
  });

  test('look-alike: credentials and getting a client', () => {
    assert.deepEqual(found(src(
      "import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';",
      "const cred = new StorageSharedKeyCredential('acct', 'key');",
      "export const blob = new BlobServiceClient('https://acct.blob.core.windows.net', cred).getContainerClient('c').getBlockBlobClient('b');",
    )), []);
  });
});

describe('minio', () => {
  test('fPutObject and makeBucket write, getObject and bucketExists read, presignedUrl by its HTTP verb; the bucket is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import * as Minio from 'minio';",
        "const minioClient = new Minio.Client({ endPoint: 'play.min.io', port: 9000, useSSL: true, accessKey: 'a', secretKey: 's' });",
        'export async function photos() {',
        "  if (!(await minioClient.bucketExists('photos'))) await minioClient.makeBucket('photos', 'us-east-1');",
        "  await minioClient.fPutObject('photos', 'photo.jpg', '/tmp/photo.jpg', { 'Content-Type': 'image/jpeg' });",
        "  const stream = await minioClient.getObject('photos', 'photo.jpg');",
        "  const put = await minioClient.presignedUrl('PUT', 'photos', 'new.jpg', 24 * 60 * 60);",
        '  return [stream, put];',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 s3 read minio',
      'src/app.ts:4 s3 write minio',
      'src/app.ts:5 s3 write minio',
      'src/app.ts:6 s3 read minio',
      'src/app.ts:7 s3 write minio',
    ]);
    // presignedUrl's target: see 'engine gaps'
    assert.deepEqual(targets(map).filter((t) => !t.startsWith('src/app.ts:7 ')), ['src/app.ts:4 photos', 'src/app.ts:4 photos', 'src/app.ts:5 photos', 'src/app.ts:6 photos']);
  });

  test('look-alike: setting request options and tracing', () => {
    assert.deepEqual(found(src(
      "import { Client } from 'minio';",
      "const client = new Client({ endPoint: 'localhost', accessKey: 'a', secretKey: 's' });",
      'client.setRequestOptions({ timeout: 1000 });',
      'client.traceOn(process.stdout);',
    )), []);
  });
});

describe('aws-sdk', () => {
  test('v2: the constructor names the store; verbs decide; .promise() is not an operation', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import AWS from 'aws-sdk';",
        'const s3 = new AWS.S3();',
        'const ddb = new AWS.DynamoDB.DocumentClient();',
        'const sqs = new AWS.SQS();',
        'export async function handle(id: string) {',
        "  const obj = await s3.getObject({ Bucket: 'reports', Key: `${id}.json` }).promise();",
        "  await ddb.put({ TableName: 'Users', Item: { id } }).promise();",
        "  await ddb.batchWrite({ RequestItems: { Users: [] } }).promise();",
        "  await sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL!, MessageBody: id }).promise();",
        '  return obj.Body;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:6 s3 read aws-sdk',
      'src/app.ts:7 dynamodb write aws-sdk',
      'src/app.ts:8 dynamodb write aws-sdk',
      'src/app.ts:9 sqs write aws-sdk',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:6 reports', 'src/app.ts:7 Users']);
  });

  test('per-client modules: aws-sdk/clients/s3 and a DocumentClient from aws-sdk/clients/dynamodb', () => {
    assert.deepEqual(edgeSummary(analyzeFiles({
      'src/app.ts': src(
        "import S3 from 'aws-sdk/clients/s3';",
        "import DynamoDB from 'aws-sdk/clients/dynamodb';",
        "export const put = () => new S3().upload({ Bucket: 'b', Key: 'k', Body: 'x' }).promise();",
        "export const get = () => new DynamoDB.DocumentClient().get({ TableName: 'T', Key: { id: '1' } }).promise();",
      ),
    })), ['. -> dynamodb read', '. -> s3 write']);
  });

  test('look-alikes: other services of the SDK are not stores, nor is its config', () => {
    assert.deepEqual(found(src(
      "import AWS from 'aws-sdk';",
      "import SecretsManager from 'aws-sdk/clients/secretsmanager';",
      "AWS.config.update({ region: 'eu-west-1' });",
      "export const secret = () => new SecretsManager().getSecretValue({ SecretId: 'db' }).promise();",
      "export const user = () => new AWS.CognitoIdentityServiceProvider().getUser({ AccessToken: 't' }).promise();",
    )), []);
  });
});

describe('engine gaps', () => {
  test('@aws-sdk/client-s3: a command kept in a variable before send() keeps its bucket', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import { S3Client, DeleteObjectCommand } from '@aws-sdk/client-s3';",
      'const client = new S3Client({});',
      'export async function remove(key: string) {',
      "  const command = new DeleteObjectCommand({ Bucket: 'trash', Key: key });",
      '  return client.send(command);',
      '}',
    ) });
    assert.deepEqual(targets(map), ['src/app.ts:5 trash']);
  });

  test('minio: presignedUrl(verb, bucket, object) targets the bucket, not the HTTP verb', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import { Client } from 'minio';",
      "const client = new Client({ endPoint: 'localhost', accessKey: 'a', secretKey: 's' });",
      "export const url = () => client.presignedUrl('GET', 'photos', 'a.jpg', 3600);",
    ) });
    assert.deepEqual(targets(map), ['src/app.ts:3 photos']);
  });

  test('@google-cloud/storage: the contents given to save() are not a target', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import { Storage } from '@google-cloud/storage';",
      "export const note = () => new Storage().bucket('notes').file('today.txt').save('hello world');",
    ) });
    assert.deepEqual(targets(map), ['src/app.ts:2 notes']);
  });
});

describe('multer-azure-blob-storage', () => {
  test('a multer storage engine that sends uploads to Azure Blob Storage: no local write, no hazard', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', multer: '1', 'multer-azure-blob-storage': '1' } }),
      'src/server.ts': src(
        "import express from 'express';",
        "import multer from 'multer';",
        "import { MulterAzureStorage } from 'multer-azure-blob-storage';",
        "const upload = multer({ storage: new MulterAzureStorage({ connectionString: process.env.AZURE_STORAGE!, containerName: 'files' }) });",
        'const app = express();',
        "app.post('/files', upload.single('file'), (_req, res) => res.sendStatus(201));",
        'app.listen(3000);',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/server.ts:4 azure-blob write multer']);
    assert.deepEqual(map.hazards, []);
  });
});

describe('object storage by provider', () => {
  test('S3, Google Cloud Storage and Azure Blob Storage are three stores of one family, each labelled by provider', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';",
        "import { Storage } from '@google-cloud/storage';",
        "import { BlobServiceClient } from '@azure/storage-blob';",
        'const s3 = new S3Client({});',
        'const gcs = new Storage();',
        'const azure = BlobServiceClient.fromConnectionString(process.env.AZURE_STORAGE!);',
        'export async function put(body: string) {',
        "  await s3.send(new PutObjectCommand({ Bucket: 'a', Key: 'k', Body: body }));",
        "  await gcs.bucket('b').file('k').save(body);",
        "  await azure.getContainerClient('c').getBlockBlobClient('k').upload(body, body.length);",
        '}',
      ),
    });
    const stores = map.stores.filter((s) => s.family === 'object').map((s) => `${s.kind} ${s.label}`).sort();
    assert.deepEqual(stores, ['azure-blob Azure Blob Storage', 'gcs Google Cloud Storage', 's3 S3 object storage']);
  });
});
