import type { HazardRule, OpTable, StoreModel } from '../types';

const FS_READ = [
  'readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'exists', 'existsSync',
  'access', 'accessSync', 'read', 'readSync', 'readlink', 'readlinkSync', 'realpath', 'realpathSync', 'opendir', 'opendirSync', 'watch', 'watchFile',
  'readv', 'readJson', 'readJSON', 'readJsonSync', 'readJSONSync', 'pathExists', 'pathExistsSync', 'glob', 'globSync', 'statfs',
];
const FS_WRITE = [
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync',
  'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate', 'truncateSync', 'ftruncate', 'chmod', 'chmodSync',
  'chown', 'chownSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'utimes', 'utimesSync', 'mkdtemp', 'mkdtempSync', 'write', 'writeSync', 'writev',
  'outputFile', 'outputFileSync', 'outputJson', 'outputJSON', 'outputJsonSync', 'writeJson', 'writeJSON', 'writeJsonSync', 'writeJSONSync',
  'ensureDir', 'ensureDirSync', 'ensureFile', 'ensureFileSync', 'ensureLink', 'ensureSymlink', 'copy', 'copySync', 'move', 'moveSync',
  'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'mkdirp', 'mkdirpSync', 'mkdirs', 'mkdirsSync',
];
const FS_OPS: OpTable = {
  targetArgs: 'all', read: FS_READ, write: FS_WRITE, readwrite: ['open', 'openSync'], navigate: ['promises', 'constants'], fallback: 'ignore' };

const LOCAL_FILE_WRITE: HazardRule = {
  kind: 'local-file-write', on: 'write',
  // creating a folder (or a temporary one) is set-up that every replica repeats, not state it keeps
  setup: ['mkdir', 'ensureDir', 'mkdirp', 'mkdirs', 'mkdtemp', 'makeDir'],
  message: 'Writes to the local disk of one instance: other replicas do not see the file unless every replica mounts the same volume.',
};

function fsLike(id: string, modules: string[], docs: string): StoreModel {
  return { id, docs, modules, kind: 'filesystem', direct: true, ops: FS_OPS, hazard: LOCAL_FILE_WRITE };
}

function fileTool(id: string, modules: string[], docs: string, ops: OpTable, hazard: HazardRule = LOCAL_FILE_WRITE): StoreModel {
  return { id, docs, modules, kind: 'filesystem', direct: true, ops: { ...ops, fallback: 'ignore' }, hazard };
}

/** The process's own disk and environment. */
export const localModels: StoreModel[] = [
  fsLike('fs', ['fs', 'fs/promises'], 'https://nodejs.org/api/fs.html'),
  fsLike('fs-extra', ['fs-extra', 'fs-extra/esm'], 'https://github.com/jprichardson/node-fs-extra#readme'),
  fsLike('graceful-fs', ['graceful-fs'], 'https://github.com/isaacs/node-graceful-fs#readme'),
  fsLike('jsonfile', ['jsonfile'], 'https://github.com/jprichardson/node-jsonfile#readme'),
  // fs (and fs-extra) with promises, from before `fs/promises`: `fsp.createWriteStream`, `fsp.writeJson`
  fsLike('fs-promise', ['fs-promise', 'mz/fs', 'fs-extra-promise'], 'https://github.com/kevinbeaty/fs-promise#readme'),
  // the next ones are called as functions (`writeFileAtomic(file, data)`, `rimraf(path)`), with sync variants
  fileTool('write-file-atomic', ['write-file-atomic'], 'https://github.com/npm/write-file-atomic#readme', { call: 'write', write: ['sync'] }),
  fileTool('mkdirp', ['mkdirp', 'make-dir'], 'https://github.com/isaacs/node-mkdirp#readme', {
    call: 'write', write: ['mkdirp', 'mkdirpSync', 'sync', 'native', 'nativeSync', 'manual', 'manualSync', 'mkdirpNative', 'mkdirpNativeSync', 'mkdirpManual', 'mkdirpManualSync', 'makeDirectory', 'makeDirectorySync'],
  }, { ...LOCAL_FILE_WRITE, setup: 'every' }), // it only ever creates folders: set-up, whatever the call is named
  fileTool('rimraf', ['rimraf'], 'https://github.com/isaacs/rimraf#readme', {
    call: 'write', write: ['rimraf', 'rimrafSync', 'sync', 'native', 'nativeSync', 'manual', 'manualSync', 'windows', 'windowsSync', 'posix', 'posixSync', 'moveRemove', 'moveRemoveSync'],
  }),
  // image processing that saves its result to a path: `sharp(input).resize(…).toFile(path)`, Jimp's `image.write(path)`
  {
    id: 'sharp', docs: 'https://sharp.pixelplumbing.com/api-output#tofile', modules: ['sharp'], kind: 'filesystem',
    factories: ['', 'default'], ops: { write: ['toFile'], fallback: 'ignore' }, hazard: LOCAL_FILE_WRITE,
  },
  {
    id: 'jimp', docs: 'https://jimp-dev.github.io/jimp/guides/writing-images/', modules: ['jimp'], kind: 'filesystem',
    factories: ['read', 'create', 'Jimp', 'default'], ops: { write: ['write', 'writeAsync'], fallback: 'ignore' }, hazard: LOCAL_FILE_WRITE,
  },
  // a lock is a directory on this instance's disk: other replicas neither see nor respect it
  fileTool('proper-lockfile', ['proper-lockfile'], 'https://github.com/moxystudio/node-proper-lockfile#readme', { write: ['lock', 'lockSync', 'unlock', 'unlockSync'], read: ['check', 'checkSync'] }),
  {
    id: 'multer', docs: 'https://github.com/expressjs/multer#readme', modules: ['multer', 'fastify-multer', '@koa/multer'], kind: 'filesystem',
    kindFrom: { options: ['storage'], argClient: true, absent: { keys: ['dest', 'storage'], kind: 'memory' }, scratchUnless: { diskStorage: 'destination' } },
    factories: ['', 'default', 'diskStorage', 'memoryStorage'], factoryKinds: { memoryStorage: 'memory' },
    // uploads land where multer is configured: on this instance's disk unless a storage engine says otherwise
    ops: { construct: { '': 'write', default: 'write' }, fallback: 'ignore' },
    hazard: { kind: 'local-file-write', when: 'filesystem', message: 'Uploads are written to the local disk of one instance: other replicas do not see the file unless every replica mounts the same volume.' },
  },
  {
    // Parse Server keeps uploaded files where its files adapter says: `new FSFilesAdapter({ filesSubDirectory: 'files' })`
    // puts them on this instance's disk (the server stores each `Parse.File` through it)
    id: '@parse/fs-files-adapter', docs: 'https://github.com/parse-community/parse-server-fs-adapter#readme', modules: ['@parse/fs-files-adapter', 'parse-server-fs-adapter'], kind: 'filesystem',
    factories: ['', 'default', 'FSFilesAdapter'], ops: { construct: 'write', fallback: 'ignore' },
    hazard: { kind: 'local-file-write', when: 'filesystem', message: 'Parse Server writes uploaded files to the local disk of one instance: other replicas do not see the file unless every replica mounts the same volume.' },
  },
  {
    id: 'multer-s3', docs: 'https://github.com/anacronw/multer-s3#readme', modules: ['multer-s3', 'multer-storage-cloudinary'], kind: 's3',
    factories: ['', 'default'], ops: { fallback: 'ignore' },
  },
  {
    id: 'multer-azure-blob-storage', docs: 'https://github.com/jdgriffith/multer-azure-blob-storage#readme', modules: ['multer-azure-blob-storage'], kind: 'azure-blob',
    factories: ['', 'default', 'MulterAzureStorage'], ops: { fallback: 'ignore' },
  },
  {
    // Parse Server's files adapters for object storage: uploaded `Parse.File`s go to the bucket
    id: '@parse/s3-files-adapter', docs: 'https://github.com/parse-community/parse-server-s3-adapter#readme', modules: ['@parse/s3-files-adapter', 'parse-server-s3-adapter'], kind: 's3',
    factories: ['', 'default', 'S3Adapter'], ops: { construct: 'write', fallback: 'ignore' },
  },
  {
    id: '@parse/gcs-files-adapter', docs: 'https://github.com/parse-community/parse-server-gcs-adapter#readme', modules: ['@parse/gcs-files-adapter', 'parse-server-gcs-adapter'], kind: 'gcs',
    factories: ['', 'default', 'GCSAdapter'], ops: { construct: 'write', fallback: 'ignore' },
  },
  {
    // Bun's file API: `Bun.write(path, data)` writes; `Bun.file(path)` is a file to read (`.text()`, `.json()`, `.exists()`)
    id: 'Bun.write', docs: 'https://bun.sh/docs/api/file-io#writing-files-bun-write', globals: [['Bun', 'write']], kind: 'filesystem', direct: true,
    ops: { call: 'write', fallback: 'ignore' }, hazard: LOCAL_FILE_WRITE,
  },
  {
    id: 'Bun.file', docs: 'https://bun.sh/docs/api/file-io#reading-files-bun-file', globals: [['Bun', 'file']], kind: 'filesystem', direct: true,
    ops: { call: 'read', fallback: 'ignore' },
  },
  {
    id: 'env', docs: 'https://nodejs.org/api/process.html#processenv', globals: [['process', 'env'], ['import.meta', 'env'], ['Deno', 'env'], ['Bun', 'env']],
    kind: 'env', direct: true, ops: { members: 'storage', read: ['get', 'toObject', 'has'], write: ['set', 'delete'], fallback: 'ignore' },
  },
];
