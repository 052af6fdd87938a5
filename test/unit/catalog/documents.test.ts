// One describe per entry of src/catalog/entries/documents.ts: a use written the way the library's docs
// show it (store kind, access and line), and a look-alike that must not be reported.
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

describe('mongodb', () => {
  test("the 2.x/3.x driver's collection methods (`update`, `count`, `remove`) through a callback's `db`, in a package that also has Datastore (haste-server, set 18)", () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'paste', dependencies: { mongodb: '2', '@google-cloud/datastore': '7' } }),
      'lib/stores/mongo.js': src(
        "var MongoClient = require('mongodb').MongoClient;",
        'var Store = function (url) { this.url = url; };',
        'Store.prototype.set = function (key, data, done) {',
        "  this.connect(function (err, db) { db.collection('entries').update({ key: key }, { key: key, value: data }, { upsert: true }, done); });",
        '};',
        'Store.prototype.has = function (key, done) {',
        "  this.connect(function (err, db) { db.collection('entries').count({ key: key }, done); });",
        '};',
        'Store.prototype.drop = function (key, done) {',
        "  this.connect(function (err, db) { db.collection('entries').remove({ key: key }, done); });",
        '};',
        'Store.prototype.connect = function (callback) {',
        '  MongoClient.connect(this.url, function (err, db) { callback(err, db); });',
        '};',
        'module.exports = Store;',
      ),
      'lib/stores/datastore.js': src(
        "const { Datastore } = require('@google-cloud/datastore');",
        'const datastore = new Datastore();',
        "exports.get = (key) => datastore.get(datastore.key(['Entry', key]));",
      ),
    });
    assert.deepEqual(locationSummary(map).filter((l) => l.startsWith('lib/stores/mongo.js')), [
      'lib/stores/mongo.js:10 mongodb write mongodb',
      'lib/stores/mongo.js:4 mongodb write mongodb',
      'lib/stores/mongo.js:7 mongodb read mongodb',
    ]);
  });

  test('find reads, insert/delete write, findOneAndUpdate reads and writes; the collection is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { MongoClient } from 'mongodb';",
        'const client = new MongoClient(process.env.MONGODB_URI!);',
        "const movies = client.db().collection('movies');",
        'export async function watch(title: string) {',
        '  const movie = await movies.findOne({ title });',
        '  await movies.insertOne({ title, watchedAt: new Date() });',
        "  await movies.findOneAndUpdate({ title }, { $inc: { views: 1 } });",
        '  const recent = await movies.find({ year: { $gt: 2000 } }).sort({ year: -1 }).toArray();',
        '  await movies.deleteMany({ title });',
        '  return [movie, recent];',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:5 mongodb read mongodb',
      'src/app.ts:6 mongodb write mongodb',
      'src/app.ts:7 mongodb readwrite mongodb',
      'src/app.ts:8 mongodb read mongodb',
      'src/app.ts:9 mongodb write mongodb',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 movies', 'src/app.ts:6 movies', 'src/app.ts:7 movies', 'src/app.ts:8 movies', 'src/app.ts:9 movies']);
  });

  test('a Db exported from one file and used in another; dropping a collection writes', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'src/db.ts': src("import { MongoClient } from 'mongodb';", "export const db = new MongoClient('mongodb://localhost:27017').db('shop');"),
      'src/orders.ts': src(
        "import type { Db } from 'mongodb';",
        "import { db } from './db';",
        "export const count = () => db.collection('orders').countDocuments();",
        "export const reset = (other: Db) => other.dropCollection('orders');",
      ),
    })), ['src/orders.ts:3 mongodb read mongodb', 'src/orders.ts:4 mongodb write mongodb']);
  });

  test('look-alikes: sessions, close(), an ObjectId, and find() on an array', () => {
    assert.deepEqual(found(src(
      "import { MongoClient, ObjectId } from 'mongodb';",
      "const client = new MongoClient('mongodb://localhost');",
      'const db = [{ id: 1 }, { id: 2 }];',
      'export const one = db.find((d) => d.id === 1);',
      'export const id = new ObjectId();',
      'export async function stop() { const session = client.startSession(); await session.endSession(); await client.close(); }',
    )), []);
  });
});

describe('mongoose', () => {
  test('model() classes: find reads, save writes on new documents and on found ones, findByIdAndUpdate reads and writes', () => {
    assert.deepEqual(found(src(
      "import mongoose, { Schema, model } from 'mongoose';",
      'const Kitten = mongoose.model("Kitten", new Schema({ name: String }));',
      "const User = model('User', new Schema({ email: String }));",
      'export async function adopt(id: string) {',
      "  const fluffy = new Kitten({ name: 'fluffy' });",
      '  await fluffy.save();',
      '  const kittens = await Kitten.find({ name: /^fluff/ });',
      "  const user = await User.findOne({ email: 'a@b.c' });",
      "  if (user) { user.email = 'x@y.z'; await user.save(); }",
      "  await User.findByIdAndUpdate(id, { email: 'q@r.s' });",
      '  return kittens;',
      '}',
    )), [
      'src/app.ts:10 mongodb readwrite mongoose',
      'src/app.ts:6 mongodb write mongoose',
      'src/app.ts:7 mongodb read mongoose',
      'src/app.ts:8 mongodb read mongoose',
      'src/app.ts:9 mongodb write mongoose',
    ]);
  });

  test('a model exported from models/ and queried in a route', () => {
    const map = analyzeFiles({
      'src/models/post.ts': src("import { Schema, model } from 'mongoose';", "export const Post = model('Post', new Schema({ title: String }));"),
      'src/routes/posts.ts': src(
        "import { Post } from '../models/post';",
        'export const list = () => Post.find().sort({ createdAt: -1 }).limit(20).lean().exec();',
        'export const remove = (id: string) => Post.deleteOne({ _id: id });',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/routes/posts.ts:2 mongodb read mongoose', 'src/routes/posts.ts:3 mongodb write mongoose']);
    assert.deepEqual(edgeSummary(map), ['. -> mongodb readwrite']);
  });

  test('look-alikes: connect(), schemas, plugins, and an ObjectId', () => {
    assert.deepEqual(found(src(
      "import mongoose, { Schema } from 'mongoose';",
      'const schema = new Schema({ name: String });',
      "schema.pre('save', function () { return undefined; });",
      "schema.index({ name: 1 });",
      "export const boot = () => mongoose.connect('mongodb://127.0.0.1:27017/test');",
      'export const id = new mongoose.Types.ObjectId();',
    )), []);
  });
});

describe('@typegoose/typegoose', () => {
  test('getModelForClass(): create writes, findById reads, deleteOne writes', () => {
    assert.deepEqual(found(src(
      "import { prop, getModelForClass } from '@typegoose/typegoose';",
      'class Cat { @prop() public name?: string; }',
      'const CatModel = getModelForClass(Cat);',
      'export async function kitty() {',
      "  const { _id: id } = await CatModel.create({ name: 'Kitty' });",
      '  const cat = await CatModel.findById(id).exec();',
      '  await CatModel.deleteOne({ _id: id });',
      '  return cat;',
      '}',
    )), ['src/app.ts:5 mongodb write @typegoose/typegoose', 'src/app.ts:6 mongodb read @typegoose/typegoose', 'src/app.ts:7 mongodb write @typegoose/typegoose']);
  });

  test('look-alike: decorators and a type-only import', () => {
    assert.deepEqual(found(src(
      "import { prop, modelOptions } from '@typegoose/typegoose';",
      "import type { ReturnModelType } from '@typegoose/typegoose';",
      "@modelOptions({ schemaOptions: { collection: 'dogs' } })",
      'export class Dog { @prop({ required: true }) public name!: string; }',
      'export type DogModel = ReturnModelType<typeof Dog>;',
    )), []);
  });
});

describe('@aws-sdk/client-dynamodb', () => {
  test('send(new XCommand({ TableName })): the command decides, the table is the target; the aggregated client too', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { DynamoDBClient, DynamoDB, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';",
        'const client = new DynamoDBClient({});',
        'export async function song(artist: string) {',
        "  const item = await client.send(new GetItemCommand({ TableName: 'Music', Key: { Artist: { S: artist } } }));",
        "  await client.send(new PutItemCommand({ TableName: 'Music', Item: { Artist: { S: artist } } }));",
        "  await client.send(new QueryCommand({ TableName: 'Music', KeyConditionExpression: 'Artist = :a' }));",
        "  await new DynamoDB({}).deleteItem({ TableName: 'Plays', Key: { Artist: { S: artist } } });",
        '  return item;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 dynamodb read @aws-sdk/client-dynamodb',
      'src/app.ts:5 dynamodb write @aws-sdk/client-dynamodb',
      'src/app.ts:6 dynamodb read @aws-sdk/client-dynamodb',
      'src/app.ts:7 dynamodb write @aws-sdk/client-dynamodb',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 Music', 'src/app.ts:5 Music', 'src/app.ts:6 Music', 'src/app.ts:7 Plays']);
  });

  test('look-alikes: a command never sent, and destroy()', () => {
    assert.deepEqual(found(src(
      "import { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';",
      'const client = new DynamoDBClient({});',
      "export const cmd = new DeleteTableCommand({ TableName: 'Music' });",
      'export const stop = () => client.destroy();',
    )), []);
  });
});

describe('@aws-sdk/lib-dynamodb', () => {
  test('DynamoDBDocumentClient.from(client) in one file, PutCommand and GetCommand sent in another', () => {
    const map = analyzeFiles({
      'src/ddb.ts': src(
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
        'export const docClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      ),
      'src/animals.ts': src(
        "import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';",
        "import { docClient } from './ddb';",
        "export const add = () => docClient.send(new PutCommand({ TableName: 'AngryAnimals', Item: { CommonName: 'Shoebill' } }));",
        "export const get = () => docClient.send(new GetCommand({ TableName: 'AngryAnimals', Key: { CommonName: 'Shoebill' } }));",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/animals.ts:3 dynamodb write @aws-sdk/lib-dynamodb', 'src/animals.ts:4 dynamodb read @aws-sdk/lib-dynamodb']);
    assert.deepEqual(targets(map), ['src/animals.ts:3 AngryAnimals', 'src/animals.ts:4 AngryAnimals']);
  });

  test('DynamoDBDocument: put and update write, query reads', () => {
    assert.deepEqual(found(src(
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocument } from '@aws-sdk/lib-dynamodb';",
      'const doc = DynamoDBDocument.from(new DynamoDBClient({}));',
      "export const put = () => doc.put({ TableName: 'Pets', Item: { id: '1' } });",
      "export const rename = () => doc.update({ TableName: 'Pets', Key: { id: '1' }, UpdateExpression: 'SET #n = :n' });",
      "export const byOwner = () => doc.query({ TableName: 'Pets', KeyConditionExpression: 'ownerId = :o' });",
    )), ['src/app.ts:4 dynamodb write @aws-sdk/lib-dynamodb', 'src/app.ts:5 dynamodb write @aws-sdk/lib-dynamodb', 'src/app.ts:6 dynamodb read @aws-sdk/lib-dynamodb']);
  });

  test('look-alike: marshall options and a command built but not sent', () => {
    assert.deepEqual(found(src(
      "import { PutCommand } from '@aws-sdk/lib-dynamodb';",
      'export const translateConfig = { marshallOptions: { removeUndefinedValues: true } };',
      "export const draft = new PutCommand({ TableName: 'Pets', Item: {} });",
    )), []);
  });
});

describe('firebase-admin', () => {
  test('getFirestore(): set writes, get reads, the collection is the target; getStorage() is object storage', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { initializeApp } from 'firebase-admin/app';",
        "import { getFirestore } from 'firebase-admin/firestore';",
        "import { getStorage } from 'firebase-admin/storage';",
        'initializeApp();',
        'const db = getFirestore();',
        'export async function seed(avatar: Buffer) {',
        "  const docRef = db.collection('users').doc('alovelace');",
        "  await docRef.set({ first: 'Ada', last: 'Lovelace', born: 1815 });",
        "  const snapshot = await db.collection('users').where('born', '<', 1900).get();",
        "  await getStorage().bucket('avatars').file('ada.png').save(avatar);",
        '  return snapshot.docs;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:10 gcs write firebase-admin', 'src/app.ts:8 firestore write firebase-admin', 'src/app.ts:9 firestore read firebase-admin']);
    assert.deepEqual(targets(map), ['src/app.ts:10 avatars', 'src/app.ts:8 users', 'src/app.ts:9 users']);
  });

  test('the namespaced admin.firestore() and a transaction', () => {
    assert.deepEqual(found(src(
      "import * as admin from 'firebase-admin';",
      'admin.initializeApp();',
      'const db = admin.firestore();',
      "export const order = () => db.collection('orders').add({ total: 10 });",
      "export const bump = (ref: FirebaseFirestore.DocumentReference) => db.runTransaction(async (t) => { const d = await t.get(ref); t.update(ref, { n: (d.get('n') ?? 0) + 1 }); });",
    )), ['src/app.ts:4 firestore write firebase-admin', 'src/app.ts:5 firestore read firebase-admin', 'src/app.ts:5 firestore write firebase-admin']);
  });

  test('look-alikes: auth and messaging are not stores', () => {
    assert.deepEqual(found(src(
      "import * as admin from 'firebase-admin';",
      "import { getAuth } from 'firebase-admin/auth';",
      'admin.initializeApp();',
      "export const user = (uid: string) => admin.auth().getUser(uid);",
      "export const claims = (uid: string) => getAuth().setCustomUserClaims(uid, { admin: true });",
      "export const push = () => admin.messaging().send({ topic: 'news', data: {} });",
    )), []);
  });
});

describe('@google-cloud/firestore', () => {
  test('new Firestore(): a document path is the target; set and delete write, get reads', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Firestore } from '@google-cloud/firestore';",
        "const firestore = new Firestore({ projectId: 'my-project', keyFilename: '/path/to/keyfile.json' });",
        'export async function post() {',
        "  const document = firestore.doc('posts/intro-to-firestore');",
        "  await document.set({ title: 'Welcome to Firestore', body: 'Hello World' });",
        '  const doc = await document.get();',
        '  await document.delete();',
        '  return doc;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:5 firestore write @google-cloud/firestore',
      'src/app.ts:6 firestore read @google-cloud/firestore',
      'src/app.ts:7 firestore write @google-cloud/firestore',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 posts/intro-to-firestore', 'src/app.ts:6 posts/intro-to-firestore', 'src/app.ts:7 posts/intro-to-firestore']);
  });

  test('the default export is the Firestore class; a Firestore parameter in another file', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'src/db.ts': src("import Firestore from '@google-cloud/firestore';", 'export const db = new Firestore();'),
      'src/jobs.ts': src(
        "import type { Firestore } from '@google-cloud/firestore';",
        "export const pending = (db: Firestore) => db.collection('jobs').where('state', '==', 'pending').limit(10).get();",
      ),
    })), ['src/jobs.ts:2 firestore read @google-cloud/firestore']);
  });

  test('a parameter typed with the namespace its typings declare globally (`FirebaseFirestore.Firestore`, no import), as Cloud Functions code writes it', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'src/votes.ts': src(
        'export const addVote = async (db: FirebaseFirestore.Firestore, talkId: string) => {',
        "  const ref = db.collection('projects').doc('p').collection('sessionVotes').doc(talkId);",
        '  const snapshot = await ref.get();',
        '  return ref.set({ count: (snapshot.data()?.count ?? 0) + 1 }, { merge: true });',
        '};',
      ),
    })), ['src/votes.ts:3 firestore read @google-cloud/firestore', 'src/votes.ts:4 firestore write @google-cloud/firestore']);
  });

  test('look-alike: a namespace of that name declared in the workspace is not the library', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'src/votes.ts': src(
        'declare namespace FirebaseFirestore { interface Firestore { collection(name: string): any } }',
        'export const addVote = (db: LocalStore, talkId: string) => db.collection(talkId).get();',
        'interface LocalStore { collection(name: string): any }',
      ),
    })), []);
  });

  test('look-alikes: FieldValue and Timestamp helpers, settings()', () => {
    assert.deepEqual(found(src(
      "import { Firestore, FieldValue, Timestamp } from '@google-cloud/firestore';",
      'const db = new Firestore();',
      'db.settings({ ignoreUndefinedProperties: true });',
      'export const stamp = { at: FieldValue.serverTimestamp(), now: Timestamp.now() };',
    )), []);
  });
});

describe('firebase/firestore', () => {
  test('modular functions: addDoc/setDoc write, getDocs/onSnapshot read; a transaction and a write batch', () => {
    assert.deepEqual(found(src(
      "import { initializeApp } from 'firebase/app';",
      "import { getFirestore, collection, addDoc, getDocs, doc, setDoc, onSnapshot, runTransaction, writeBatch } from 'firebase/firestore';",
      "const db = getFirestore(initializeApp({ projectId: 'demo' }));",
      'export async function run() {',
      "  const ref = await addDoc(collection(db, 'users'), { first: 'Ada' });",
      "  const all = await getDocs(collection(db, 'users'));",
      "  await setDoc(doc(db, 'cities', 'LA'), { name: 'Los Angeles' });",
      "  const stop = onSnapshot(doc(db, 'cities', 'SF'), (d) => console.log(d.data()));",
      "  await runTransaction(db, async (transaction) => { const sf = await transaction.get(doc(db, 'cities', 'SF')); transaction.update(sf.ref, { population: 1 }); });",
      "  const batch = writeBatch(db); batch.delete(doc(db, 'cities', 'LA'));",
      '  return [ref, all, stop];',
      '}',
    )), [
      'src/app.ts:10 firestore write firebase/firestore',
      'src/app.ts:5 firestore write firebase/firestore',
      'src/app.ts:6 firestore read firebase/firestore',
      'src/app.ts:7 firestore write firebase/firestore',
      'src/app.ts:8 firestore read firebase/firestore',
      'src/app.ts:9 firestore read firebase/firestore',
      'src/app.ts:9 firestore write firebase/firestore',
    ]);
  });

  test('look-alikes: building refs and queries, field helpers, and a type-only import', () => {
    assert.deepEqual(found(src(
      "import { getFirestore, collection, query, where, orderBy, serverTimestamp, increment } from 'firebase/firestore';",
      "import type { DocumentData } from 'firebase/firestore';",
      'const db = getFirestore();',
      "export const q = query(collection(db, 'cities'), where('state', '==', 'CA'), orderBy('name'));",
      'export const patch: DocumentData = { updatedAt: serverTimestamp(), visits: increment(1) };',
    )), []);
  });
});

describe('firebase/storage', () => {
  test('uploadBytes and deleteObject write, getDownloadURL reads: object storage', () => {
    assert.deepEqual(found(src(
      "import { getStorage, ref, uploadBytes, getDownloadURL, deleteObject } from 'firebase/storage';",
      'const storage = getStorage();',
      'export async function replace(file: Blob) {',
      "  const mountains = ref(storage, 'images/mountains.jpg');",
      '  await uploadBytes(mountains, file);',
      "  const url = await getDownloadURL(ref(storage, 'images/stars.jpg'));",
      '  await deleteObject(mountains);',
      '  return url;',
      '}',
    )), ['src/app.ts:5 gcs write firebase/storage', 'src/app.ts:6 gcs read firebase/storage', 'src/app.ts:7 gcs write firebase/storage']);
  });

  test('look-alike: refs and the emulator', () => {
    assert.deepEqual(found(src(
      "import { getStorage, ref, connectStorageEmulator } from 'firebase/storage';",
      'const storage = getStorage();',
      "connectStorageEmulator(storage, '127.0.0.1', 9199);",
      "export const avatar = ref(storage, 'avatars/me.png');",
    )), []);
  });
});

describe('firebase', () => {
  test('the namespaced API: firebase.firestore() and firebase.storage()', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import firebase from 'firebase/compat/app';",
        "import 'firebase/compat/firestore';",
        'const db = firebase.firestore();',
        'export async function save(photo: Blob) {',
        "  await db.collection('users').add({ first: 'Ada' });",
        "  const snap = await db.collection('users').doc('ada').get();",
        "  await firebase.storage().ref().child('images/ada.jpg').put(photo);",
        '  return snap;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:5 firestore write firebase', 'src/app.ts:6 firestore read firebase', 'src/app.ts:7 gcs write firebase']);
    assert.deepEqual(targets(map), ['src/app.ts:5 users', 'src/app.ts:6 users', 'src/app.ts:7 images/ada.jpg']);
  });

  test('look-alikes: initializeApp, auth, FieldValue', () => {
    assert.deepEqual(found(src(
      "import firebase from 'firebase/compat/app';",
      "firebase.initializeApp({ apiKey: 'k', projectId: 'p' });",
      'export const login = () => firebase.auth().signInAnonymously();',
      'export const now = firebase.firestore.FieldValue.serverTimestamp();',
    )), []);
  });
});

describe('cassandra-driver', () => {
  test('execute() by its CQL verb (the table is the target), batch() writes, eachRow() reads', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import cassandra from 'cassandra-driver';",
        "const client = new cassandra.Client({ contactPoints: ['h1', 'h2'], localDataCenter: 'datacenter1', keyspace: 'ks1' });",
        'export async function user(key: string) {',
        "  const query = 'SELECT name, email FROM users WHERE key = ?';",
        '  const result = await client.execute(query, [key], { prepare: true });',
        "  await client.execute('INSERT INTO users (key, name) VALUES (?, ?)', [key, 'x'], { prepare: true });",
        "  await client.batch([{ query: 'UPDATE user_profiles SET email = ? WHERE key = ?', params: ['a', key] }], { prepare: true });",
        "  client.eachRow('SELECT * FROM events WHERE key = ?', [key], (n, row) => console.log(row));",
        '  return result.first();',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:5 cassandra read cassandra-driver',
      'src/app.ts:6 cassandra write cassandra-driver',
      'src/app.ts:7 cassandra write cassandra-driver',
      'src/app.ts:8 cassandra read cassandra-driver',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 users', 'src/app.ts:6 users', 'src/app.ts:8 events']);
  });

  test('look-alikes: connect(), shutdown(), a Uuid', () => {
    assert.deepEqual(found(src(
      "import { Client, types } from 'cassandra-driver';",
      "const client = new Client({ contactPoints: ['h1'], localDataCenter: 'dc1' });",
      'export const start = () => client.connect();',
      'export const stop = () => client.shutdown();',
      'export const id = types.Uuid.random();',
    )), []);
  });
});

describe('@eventstore/db-client', () => {
  test('appendToStream writes, readStream and subscriptions read, for EventStoreDB and its KurrentDB rename', () => {
    assert.deepEqual(found(src(
      "import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';",
      "import { KurrentDBClient } from '@kurrent/kurrentdb-client';",
      "const client = EventStoreDBClient.connectionString('esdb://localhost:2113?tls=false');",
      "const kurrent = KurrentDBClient.connectionString(process.env.KURRENT_URL!);",
      'export async function deposit(account: string, amount: number) {',
      "  await client.appendToStream(`account-${account}`, jsonEvent({ type: 'Deposited', data: { amount } }));",
      '  let balance = 0;',
      '  for await (const e of client.readStream(`account-${account}`)) balance += (e.event?.data as { amount: number }).amount;',
      "  kurrent.subscribeToAll({ fromPosition: 'end' });",
      '  return balance;',
      '}',
    )), [
      'src/app.ts:6 eventstore write @eventstore/db-client',
      'src/app.ts:8 eventstore read @eventstore/db-client',
      'src/app.ts:9 eventstore read @eventstore/db-client',
    ]);
  });

  test('look-alike: an in-process event emitter with appendToStream-like names', () => {
    assert.deepEqual(found(src(
      "import { EventEmitter } from 'node:events';",
      'const bus = new EventEmitter();',
      "export const appendToStream = (e: unknown) => bus.emit('appended', e);",
      'export const readStream = () => bus.listenerCount(\'appended\');',
    )), []);
  });
});

describe('node-eventstore-client', () => {
  test('the TCP client of EventStore: appendToStream writes, readStreamEventsForward reads', () => {
    assert.deepEqual(found(src(
      "import esClient from 'node-eventstore-client';",
      "const connection = esClient.createConnection({}, 'tcp://localhost:1113');",
      'export async function history(stream: string) {',
      "  await connection.appendToStream(stream, esClient.expectedVersion.any, [esClient.createJsonEventData('id', { a: 1 }, null, 'Tested')]);",
      '  return connection.readStreamEventsForward(stream, 0, 100);',
      '}',
    )), ['src/app.ts:4 eventstore write node-eventstore-client', 'src/app.ts:5 eventstore read node-eventstore-client']);
  });
});

describe('nestjs-event-store', () => {
  test("a Nest module that puts the CQRS bus on EventStoreDB reaches the store where it is registered", () => {
    assert.deepEqual(found(src(
      "import { Module } from '@nestjs/common';",
      "import { EventStoreModule, EventStoreSubscriptionType } from '@juicycleff/nestjs-event-store';",
      '@Module({',
      '  imports: [',
      "    EventStoreModule.registerFeature({ type: 'event-store', featureStreamName: '$ce-account', subscriptions: [{ type: EventStoreSubscriptionType.Volatile, stream: '$ce-account' }] }),",
      '  ],',
      '})',
      'export class AccountsModule {}',
    ), { 'package.json': JSON.stringify({ name: 'accounts', dependencies: { '@nestjs/core': '10', '@juicycleff/nestjs-event-store': '3' } }) }), [
      'src/app.ts:5 eventstore readwrite nestjs-event-store',
    ]);
  });
});

describe('neo4j-driver', () => {
  test('executeQuery() and run() by their Cypher; executeWrite/executeRead by name', () => {
    assert.deepEqual(found(src(
      "import neo4j from 'neo4j-driver';",
      "const driver = neo4j.driver('neo4j://localhost', neo4j.auth.basic('neo4j', 'password'));",
      'export async function people(name: string) {',
      "  const { records } = await driver.executeQuery('MATCH (p:Person {name: $name}) RETURN p', { name }, { database: 'neo4j' });",
      "  await driver.executeQuery('MERGE (p:Person {name: $name})', { name });",
      "  const session = driver.session({ database: 'neo4j' });",
      "  await session.executeWrite(async (tx) => { await tx.run('CREATE (a:Person {name: $name})', { name }); });",
      "  await session.run('MATCH (a:Person)-[:KNOWS]->(b) RETURN b.name AS name');",
      '  await session.close();',
      '  return records;',
      '}',
    )), [
      'src/app.ts:4 neo4j read neo4j-driver',
      'src/app.ts:5 neo4j write neo4j-driver',
      'src/app.ts:7 neo4j write neo4j-driver',
      'src/app.ts:7 neo4j write neo4j-driver',
      'src/app.ts:8 neo4j read neo4j-driver',
    ]);
  });

  test('look-alikes: auth, integers, verifyConnectivity(), close()', () => {
    assert.deepEqual(found(src(
      "import neo4j from 'neo4j-driver';",
      "const driver = neo4j.driver('neo4j://localhost', neo4j.auth.basic('u', 'p'));",
      'export const check = () => driver.verifyConnectivity();',
      'export const ten = neo4j.int(10);',
      'export const stop = () => driver.close();',
    )), []);
  });
});

describe('@elastic/elasticsearch', () => {
  test('index and indices.refresh write, search and esql.query read; the index is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Client } from '@elastic/elasticsearch';",
        "const client = new Client({ node: 'http://localhost:9200', auth: { apiKey: process.env.ES_KEY! } });",
        'export async function quotes() {',
        "  await client.index({ index: 'game-of-thrones', document: { character: 'Ned Stark', quote: 'Winter is coming.' } });",
        "  await client.indices.refresh({ index: 'game-of-thrones' });",
        "  const result = await client.search({ index: 'game-of-thrones', query: { match: { quote: 'winter' } } });",
        "  await client.esql.query({ query: 'FROM game-of-thrones | LIMIT 10' });",
        '  return result.hits.hits;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 elasticsearch write @elastic/elasticsearch',
      'src/app.ts:5 elasticsearch write @elastic/elasticsearch',
      'src/app.ts:6 elasticsearch read @elastic/elasticsearch',
      'src/app.ts:7 elasticsearch read @elastic/elasticsearch',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 game-of-thrones', 'src/app.ts:5 game-of-thrones', 'src/app.ts:6 game-of-thrones']);
  });

  test('the bulk helper writes', () => {
    assert.deepEqual(found(src(
      "import { Client } from '@elastic/elasticsearch';",
      "const client = new Client({ node: 'http://localhost:9200' });",
      "export const load = (docs: object[]) => client.helpers.bulk({ datasource: docs, onDocument: () => ({ index: { _index: 'books' } }) });",
    )), ['src/app.ts:3 elasticsearch write @elastic/elasticsearch']);
  });

  test('look-alikes: info(), ping(), close()', () => {
    assert.deepEqual(found(src(
      "import { Client } from '@elastic/elasticsearch';",
      "const client = new Client({ node: 'http://localhost:9200' });",
      'export const health = async () => { await client.ping(); return client.info(); };',
      'export const stop = () => client.close();',
    )), []);
  });
});

describe('@opensearch-project/opensearch', () => {
  test('indices.create, index and delete write, search reads', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "const { Client } = require('@opensearch-project/opensearch');",
        "const client = new Client({ node: 'https://localhost:9200' });",
        'export async function books() {',
        "  await client.indices.create({ index: 'books', body: { settings: { index: { number_of_shards: 1 } } } });",
        "  await client.index({ index: 'books', id: '1', body: { title: 'Moby Dick' }, refresh: true });",
        "  const res = await client.search({ index: 'books', body: { query: { match: { title: 'moby' } } } });",
        "  await client.delete({ index: 'books', id: '1' });",
        '  return res.body.hits;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 elasticsearch write @opensearch-project/opensearch',
      'src/app.ts:5 elasticsearch write @opensearch-project/opensearch',
      'src/app.ts:6 elasticsearch read @opensearch-project/opensearch',
      'src/app.ts:7 elasticsearch write @opensearch-project/opensearch',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 books', 'src/app.ts:5 books', 'src/app.ts:6 books', 'src/app.ts:7 books']);
  });

  test('look-alike: a search() of an unrelated object in a file that imports the client', () => {
    assert.deepEqual(found(src(
      "import { Client } from '@opensearch-project/opensearch';",
      'export const make = () => new Client({ node: "https://localhost:9200" });',
      "const text = 'needle in a haystack';",
      "export const at = text.search('needle');",
    )), []);
  });
});

describe('@clickhouse/client', () => {
  test('query() and command() by their SQL, insert() writes the table', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { createClient } from '@clickhouse/client';",
        "const client = createClient({ url: 'http://localhost:8123' });",
        'export async function events() {',
        "  await client.command({ query: 'CREATE TABLE IF NOT EXISTS events (id UInt64) ENGINE MergeTree ORDER BY id' });",
        "  await client.insert({ table: 'events', values: [{ id: 42 }], format: 'JSONEachRow' });",
        "  const rows = await client.query({ query: 'SELECT * FROM events LIMIT 10', format: 'JSONEachRow' });",
        '  return rows.json();',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 clickhouse write @clickhouse/client',
      'src/app.ts:5 clickhouse write @clickhouse/client',
      'src/app.ts:6 clickhouse read @clickhouse/client',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:5 events', 'src/app.ts:6 events']);
  });

  test('look-alikes: ping() and close()', () => {
    assert.deepEqual(found(src(
      "import { createClient } from '@clickhouse/client-web';",
      'const client = createClient();',
      'export const up = async () => { const ok = await client.ping(); await client.close(); return ok; };',
    )), []);
  });
});

describe('nano', () => {
  test('db.create and insert write (the database is the target), get and view read', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import Nano from 'nano';",
        "const nano = Nano('http://admin:mypassword@localhost:5984');",
        'export async function alice() {',
        "  await nano.db.create('alice');",
        "  const alice = nano.db.use('alice');",
        "  await alice.insert({ happy: true }, 'rabbit');",
        "  const doc = await alice.get('rabbit');",
        "  const body = await alice.view('characters', 'happy_ones', { key: 'Tea Party' });",
        '  return [doc, body];',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:4 couchdb write nano', 'src/app.ts:6 couchdb write nano', 'src/app.ts:7 couchdb read nano', 'src/app.ts:8 couchdb read nano']);
    assert.deepEqual(targets(map).slice(0, 2), ['src/app.ts:4 alice', 'src/app.ts:6 alice']);
  });

  test('look-alike: choosing a database is not an access', () => {
    assert.deepEqual(found(src(
      "const nano = require('nano')(process.env.COUCHDB_URL);",
      "export const db = nano.use('orders');",
    )), []);
  });
});

describe('marsdb', () => {
  test('the default export is the Collection class: its state is process memory', () => {
    assert.deepEqual(found(src(
      "import Collection from 'marsdb';",
      "const posts = new Collection('posts');",
      'export async function bob() {',
      "  const docs = await posts.find({ author: 'Bob' }).sort(['createdAt']);",
      "  await posts.insert({ text: 'MarsDB is awesome' });",
      "  await posts.update({ authorId: { $in: [1, 2, 3] } }, { $set: { text: 'noop' } });",
      '  return docs;',
      '}',
    )), ['src/app.ts:4 memory read marsdb', 'src/app.ts:5 memory write marsdb', 'src/app.ts:6 memory write marsdb']);
  });

  test('look-alike: configuring the default storage manager', () => {
    assert.deepEqual(found(src(
      "import { Collection } from 'marsdb';",
      'Collection.defaultIdGenerator(() => ({ value: Math.random(), seed: 0 }));',
    )), []);
  });
});

describe('minimongo', () => {
  test('the constructor picks the kind: MemoryDb is memory, IndexedDb indexedDB, RemoteDb an HTTP API', () => {
    assert.deepEqual(found(src(
      "const minimongo = require('minimongo');",
      'const LocalDb = minimongo.MemoryDb;',
      'const db = new LocalDb();',
      "db.addCollection('animals');",
      'export function bingo() {',
      "  db.animals.upsert({ species: 'dog', name: 'Bingo' }, () => {",
      "    db.animals.findOne({ species: 'dog' }, {}, (res: { name: string }) => console.log(res.name));",
      '  });',
      '}',
      "const idb = new minimongo.IndexedDb({ namespace: 'mydb' }, () => undefined);",
      'export const all = () => idb.animals.find({}).fetch();',
      "const remote = new minimongo.RemoteDb('https://api.example.com/v3/', 'client1');",
      'export const sites = () => remote.sites.find({}).fetch();',
    )), [
      'src/app.ts:11 indexedDB read minimongo',
      'src/app.ts:13 http-api read minimongo',
      'src/app.ts:4 memory write minimongo',
      'src/app.ts:6 memory write minimongo',
      'src/app.ts:7 memory read minimongo',
    ]);
  });

  test('look-alike: a find() on a plain array named db', () => {
    assert.deepEqual(found(src(
      "import minimongo from 'minimongo';",
      'export const Local = minimongo.MemoryDb;',
      "const db = { animals: [{ species: 'dog' }] };",
      "export const dog = db.animals.find((a) => a.species === 'dog');",
    )), []);
  });
});

describe('engine gaps', () => {
  test('mongodb: client.db(name).collection(name) targets the collection, not the database', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import { MongoClient } from 'mongodb';",
      "const client = new MongoClient('mongodb://localhost:27017');",
      "export const purge = () => client.db('sample_mflix').collection('comments').deleteMany({});",
    ) });
    assert.deepEqual(targets(map), ['src/app.ts:3 comments']);
  });

  test('dynamodb: BatchWriteItem and TransactWriteItems write, BatchGet reads, as the entry says', () => {
    assert.deepEqual(found(src(
      "import { DynamoDBClient, BatchWriteItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';",
      "import { DynamoDBDocumentClient, BatchGetCommand } from '@aws-sdk/lib-dynamodb';",
      'const client = new DynamoDBClient({});',
      'const doc = DynamoDBDocumentClient.from(client);',
      "export const load = () => client.send(new BatchWriteItemCommand({ RequestItems: { Music: [] } }));",
      "export const move = () => client.send(new TransactWriteItemsCommand({ TransactItems: [] }));",
      "export const many = () => doc.send(new BatchGetCommand({ RequestItems: { Music: { Keys: [] } } }));",
    )), ['src/app.ts:5 dynamodb write @aws-sdk/client-dynamodb', 'src/app.ts:6 dynamodb write @aws-sdk/client-dynamodb', 'src/app.ts:7 dynamodb read @aws-sdk/lib-dynamodb']);
  });

  test('neo4j: the Cypher text is not a target', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import neo4j from 'neo4j-driver';",
      "const driver = neo4j.driver('neo4j://localhost');",
      "export const all = () => driver.executeQuery('MATCH (p:Person) RETURN p');",
    ) });
    assert.deepEqual(targets(map), []);
  });

  test('firebase/firestore: the collection named inside collection(db, name) is the target', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import { getFirestore, collection, addDoc } from 'firebase/firestore';",
      'const db = getFirestore();',
      "export const add = () => addDoc(collection(db, 'users'), { first: 'Ada' });",
    ) });
    assert.deepEqual(targets(map), ['src/app.ts:3 users']);
  });
});
