// Check-then-act written the NestJS way: a controller tests what one injected service method finds and calls
// another to create, the service holding a Mongoose model by `@InjectModel`, its schema registered by name in a
// module and written in another file (Denrox/nestjs-microservices-example, set 16).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

const files = (emailField: string, inject = "@InjectModel('User')", register = "{ name: 'User', schema: UserSchema }") => ({
  'package.json': JSON.stringify({ name: 'users', dependencies: { '@nestjs/core': '10', '@nestjs/common': '10', '@nestjs/mongoose': '10', mongoose: '8' } }),
  'src/main.ts': lines("import { NestFactory } from '@nestjs/core';", "import { UserModule } from './user.module';", 'async function bootstrap() {', '  const app = await NestFactory.create(UserModule);', '  await app.listen(3000);', '}', 'bootstrap();'),
  'src/user.schema.ts': lines("import * as mongoose from 'mongoose';", `export const UserSchema = new mongoose.Schema({ ${emailField}, password: String });`),
  'src/user.module.ts': lines(
    "import { Module } from '@nestjs/common';", "import { MongooseModule } from '@nestjs/mongoose';", "import { UserSchema } from './user.schema';",
    "import { UserController } from './user.controller';", "import { UserService } from './user.service';",
    `@Module({ imports: [MongooseModule.forFeature([${register}])], controllers: [UserController], providers: [UserService] })`,
    'export class UserModule {}',
  ),
  'src/user.service.ts': lines(
    "import { Injectable } from '@nestjs/common';", "import { InjectModel } from '@nestjs/mongoose';", "import { Model } from 'mongoose';",
    'export interface IUser { email: string; password: string }',
    '@Injectable()',
    'export class UserService {',
    `  constructor(${inject} private readonly userModel: Model<IUser>) {}`,
    '  searchUser(params: { email: string }) {',
    '    return this.userModel.find(params).exec();',
    '  }',
    '  async createUser(user: IUser) {',
    '    const doc = new this.userModel(user);',
    '    return doc.save();',
    '  }',
    '}',
  ),
  'src/user.controller.ts': lines(
    "import { Body, Controller, Post } from '@nestjs/common';", "import { IUser, UserService } from './user.service';",
    "@Controller('users')",
    'export class UserController {',
    '  constructor(private readonly userService: UserService) {}',
    '  @Post()',
    '  async create(@Body() body: IUser) {',
    '    const existing = await this.userService.searchUser({ email: body.email });',
    '    if (existing.length > 0) return { status: 409 };',
    '    return this.userService.createUser(body);',
    '  }',
    '}',
  ),
});

const races = (f: Record<string, string>) => analyzeFiles(f).hazards.filter((h) => h.kind === 'check-then-act').map((h) => `${h.file}:${h.line}`);

test("sign-up through two service methods, the model injected by name and its schema with no unique e-mail: a race", () => {
  assert.deepEqual(races(files('email: String')), ['src/user.controller.ts:10']);
});

test('the schema written in another file keeps the e-mail unique: the second insert is refused, no race', () => {
  assert.deepEqual(races(files('email: { type: String, unique: true }')), []);
});

test('the model named by its class (`User.name`), whose schema class keeps the e-mail unique with @Prop', () => {
  const f = files('email: String', '@InjectModel(User.name)', '{ name: User.name, schema: UserSchema }');
  f['src/user.schema.ts'] = lines(
    "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
    '@Schema()',
    'export class User {',
    '  @Prop({ unique: true }) email: string;',
    '  @Prop() password: string;',
    '}',
    'export const UserSchema = SchemaFactory.createForClass(User);',
  );
  f['src/user.module.ts'] = f['src/user.module.ts'].replace("import { UserSchema } from './user.schema';", "import { User, UserSchema } from './user.schema';");
  f['src/user.service.ts'] = f['src/user.service.ts'].replace("import { Model } from 'mongoose';", "import { Model } from 'mongoose';\nimport { User } from './user.schema';");
  assert.deepEqual(races(f), []);
  // the same without the unique e-mail is a race
  f['src/user.schema.ts'] = f['src/user.schema.ts'].replace('@Prop({ unique: true }) email', '@Prop() email');
  assert.deepEqual(races(f), ['src/user.controller.ts:10']);
});

test('the schema made from the class keeps the e-mail unique with a compound index written after it (`UserSchema.index({ email: 1 }, { unique: true })`) (Mytegroup, set 34)', () => {
  const f = files('email: String', '@InjectModel(User.name)', '{ name: User.name, schema: UserSchema }');
  f['src/user.schema.ts'] = lines(
    "import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';",
    '@Schema()',
    'export class User {',
    '  @Prop() email: string;',
    '  @Prop() password: string;',
    '}',
    'export const UserSchema = SchemaFactory.createForClass(User);',
    'UserSchema.index({ email: 1 }, { unique: true });',
  );
  f['src/user.module.ts'] = f['src/user.module.ts'].replace("import { UserSchema } from './user.schema';", "import { User, UserSchema } from './user.schema';");
  f['src/user.service.ts'] = f['src/user.service.ts'].replace("import { Model } from 'mongoose';", "import { Model } from 'mongoose';\nimport { User } from './user.schema';");
  assert.deepEqual(races(f), []);
  // an index that is not unique keeps nothing out
  f['src/user.schema.ts'] = f['src/user.schema.ts'].replace('UserSchema.index({ email: 1 }, { unique: true });', 'UserSchema.index({ email: 1 });');
  assert.deepEqual(races(f), ['src/user.controller.ts:10']);
});
