import type { StoreModel } from '../types';

/** Object storage: S3 and its look-alikes, and the AWS SDK v2 that reaches several kinds. */
export const objectModels: StoreModel[] = [
  {
    id: '@aws-sdk/client-s3', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/s3/', modules: ['@aws-sdk/client-s3'], kind: 's3',
    factories: ['S3Client', 'S3'], types: ['S3Client', 'S3'],
    ops: {
      command: ['send'],
      read: ['getObject', 'headObject', 'listObjects', 'listObjectsV2', 'listBuckets', 'getObjectAttributes', 'headBucket'],
      write: ['putObject', 'deleteObject', 'deleteObjects', 'copyObject', 'createMultipartUpload', 'uploadPart', 'completeMultipartUpload', 'createBucket', 'deleteBucket', 'abortMultipartUpload'],
      ignore: ['destroy', 'middlewareStack'], fallback: 'ignore',
    },
  },
  {
    id: '@aws-sdk/lib-storage', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-lib-storage/', modules: ['@aws-sdk/lib-storage'],
    kind: 's3', factories: ['Upload'], ops: { construct: 'write', write: ['done'], ignore: ['on', 'abort'], fallback: 'ignore' },
  },
  {
    id: '@aws-sdk/s3-request-presigner', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-s3-request-presigner/',
    modules: ['@aws-sdk/s3-request-presigner', '@aws-sdk/s3-presigned-post'], kind: 's3', direct: true,
    ops: { command: ['getSignedUrl'], write: ['createPresignedPost'], fallback: 'ignore' },
    note: 'A presigned URL hands the object to the browser: what the command does decides read or write.',
  },
  {
    id: '@google-cloud/storage', docs: 'https://cloud.google.com/nodejs/docs/reference/storage/latest', modules: ['@google-cloud/storage'], kind: 'gcs',
    factories: ['Storage'], types: ['Storage', 'Bucket', 'File'],
    ops: { targetArgs: ['bucket'],
      read: ['download', 'createReadStream', 'getFiles', 'exists', 'getMetadata', 'getSignedUrl', 'get', 'getBuckets'],
      write: ['save', 'upload', 'createWriteStream', 'delete', 'deleteFiles', 'copy', 'move', 'rename', 'setMetadata', 'makePublic', 'makePrivate', 'createBucket'],
      navigate: ['bucket', 'file'], fallback: 'ignore',
    },
  },
  {
    id: '@azure/storage-blob', docs: 'https://learn.microsoft.com/en-us/javascript/api/@azure/storage-blob/', modules: ['@azure/storage-blob'], kind: 'azure-blob',
    factories: ['BlobServiceClient', 'BlobServiceClient.fromConnectionString', 'ContainerClient', 'BlockBlobClient', 'BlobClient'], types: ['BlobServiceClient', 'ContainerClient', 'BlockBlobClient', 'BlobClient'],
    ops: { targetArgs: ['getContainerClient'],
      read: ['download', 'downloadToBuffer', 'downloadToFile', 'exists', 'getProperties', 'listBlobsFlat', 'listBlobsByHierarchy', 'listContainers', 'generateSasUrl'],
      write: ['upload', 'uploadData', 'uploadFile', 'uploadStream', 'uploadBrowserData', 'stageBlock', 'commitBlockList', 'delete', 'deleteIfExists', 'setMetadata', 'beginCopyFromURL', 'create', 'createIfNotExists', 'deleteBlob', 'uploadBlockBlob', 'setHTTPHeaders'],
      navigate: ['getContainerClient', 'getBlockBlobClient', 'getBlobClient', 'getAppendBlobClient', 'getPageBlobClient'],
      fallback: 'ignore',
    },
  },
  {
    id: 'minio', docs: 'https://min.io/docs/minio/linux/developers/javascript/API.html', modules: ['minio'], kind: 's3', factories: ['Client'], types: ['Client'],
    note: 'MinIO is S3-compatible: its buckets are shown as S3 object storage.',
    ops: { targetArgs: 'all',
      read: ['getObject', 'fGetObject', 'getPartialObject', 'statObject', 'listObjects', 'listObjectsV2', 'presignedGetObject', 'bucketExists', 'listBuckets', 'selectObjectContent'],
      write: ['putObject', 'fPutObject', 'removeObject', 'removeObjects', 'copyObject', 'composeObject', 'makeBucket', 'removeBucket', 'presignedPutObject', 'presignedPostPolicy'],
      // presignedUrl('GET' | 'PUT', bucket, object): the HTTP verb decides
      http: ['presignedUrl'], fallback: 'ignore',
    },
  },
  {
    id: 'aws-sdk', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/latest/', kind: 's3',
    // only the clients of stores: `new Lambda()` from aws-sdk/clients/lambda is not object storage
    modules: ['aws-sdk', 'aws-sdk/global', 'aws-sdk/clients/s3', 'aws-sdk/clients/dynamodb', 'aws-sdk/clients/sqs', 'aws-sdk/clients/sns', 'aws-sdk/clients/kinesis', 'aws-sdk/clients/firehose'],
    kindFrom: { modules: { 'aws-sdk/clients/s3': 's3', 'aws-sdk/clients/dynamodb': 'dynamodb', 'aws-sdk/clients/sqs': 'sqs', 'aws-sdk/clients/sns': 'sns', 'aws-sdk/clients/kinesis': 'kinesis', 'aws-sdk/clients/firehose': 'kinesis' } },
    factories: ['S3', 'DynamoDB', 'DynamoDB.DocumentClient', 'DocumentClient', 'SQS', 'SNS', 'Kinesis', 'Firehose', ''],
    factoryKinds: { DynamoDB: 'dynamodb', 'DynamoDB.DocumentClient': 'dynamodb', DocumentClient: 'dynamodb', SQS: 'sqs', SNS: 'sns', Kinesis: 'kinesis', Firehose: 'kinesis' },
    ops: {
      // DynamoDB batches and transactions: their verbs say nothing
      read: ['batchGet', 'batchGetItem', 'transactGet', 'transactGetItems'],
      write: ['batchWrite', 'batchWriteItem', 'transactWrite', 'transactWriteItems', 'upload'],
      ignore: ['promise', 'on', 'send', 'createReadStream'], fallback: 'verb',
    },
    note: 'AWS SDK v2: one package, many services; the constructor names the store.',
  },
];
