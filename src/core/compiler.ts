import type { ts } from 'ts-morph';

/**
 * TypeScript's compiler API — the copy ts-morph ships (`ts-morph` re-exports it as `ts`) — loaded on its
 * own: ts-morph's wrappers and bundled lib.d.ts files are 4 MB the analysis never uses, and loading them
 * is a third of a cold start. The API is copied into plain data properties once: the bundled namespace
 * resolves every member through getters, which cost about a sixth of a run when called per node.
 */
const compiler: typeof ts = require('@ts-morph/common/dist/typescript.js');

// Only the members the analysis uses are copied, into an object of their own: a copy of the whole
// namespace has thousands of properties, which V8 keeps as a hash table, so every `tsv.isIdentifier` of
// the walk was a hash lookup. The type lists them too: a member used but not copied is a type error.
const MEMBERS = [
  'JSDocParsingMode', 'LanguageVariant', 'ModifierFlags', 'NodeFlags', 'ScriptKind', 'ScriptTarget', 'SyntaxKind',
  'canHaveDecorators', 'canHaveModifiers', 'createScanner', 'createSourceFile', 'flattenDiagnosticMessageText',
  'forEachChild', 'getCombinedModifierFlags', 'getDecorators', 'getModifiers', 'isArrayBindingPattern',
  'isArrayLiteralExpression', 'isArrowFunction', 'isAsExpression', 'isAwaitExpression', 'isBinaryExpression',
  'isBindingElement', 'isBlock', 'isBreakStatement', 'isCallExpression', 'isCaseClause', 'isClassDeclaration',
  'isClassExpression', 'isClassLike', 'isClassStaticBlockDeclaration', 'isComputedPropertyName',
  'isConditionalExpression', 'isConstructorDeclaration', 'isContinueStatement', 'isDefaultClause',
  'isDeleteExpression', 'isElementAccessExpression', 'isEnumDeclaration', 'isEnumMember',
  'isExportAssignment', 'isExpressionStatement', 'isExternalModuleReference', 'isForInStatement', 'isForOfStatement',
  'isForStatement', 'isFunctionDeclaration', 'isFunctionExpression', 'isFunctionLike', 'isGetAccessor',
  'isGetAccessorDeclaration', 'isIdentifier', 'isIfStatement', 'isImportDeclaration',
  'isImportEqualsDeclaration', 'isIterationStatement', 'isJsxAttribute', 'isLabeledStatement', 'isMetaProperty',
  'isMethodDeclaration', 'isMethodSignature', 'isModuleDeclaration', 'isNamespaceExport', 'isNamespaceImport',
  'isNewExpression', 'isNoSubstitutionTemplateLiteral', 'isNonNullExpression', 'isNumericLiteral',
  'isObjectBindingPattern', 'isObjectLiteralExpression', 'isOmittedExpression', 'isParameter',
  'isParenthesizedExpression', 'isPostfixUnaryExpression', 'isPrefixUnaryExpression', 'isPrivateIdentifier',
  'isPropertyAccessExpression', 'isPropertyAssignment', 'isPropertyDeclaration', 'isPropertySignature',
  'isQualifiedName', 'isReturnStatement', 'isSatisfiesExpression', 'isSetAccessor', 'isSetAccessorDeclaration',
  'isShorthandPropertyAssignment', 'isSourceFile', 'isSpreadAssignment', 'isStringLiteral', 'isStringLiteralLike',
  'isSwitchStatement', 'isTaggedTemplateExpression', 'isTemplateExpression', 'isThrowStatement',
  'isTypeAssertionExpression', 'isTypeReferenceNode', 'isIndexedAccessTypeNode', 'isTypeLiteralNode', 'isUnionTypeNode', 'isFunctionTypeNode', 'isParenthesizedTypeNode', 'isVariableDeclaration',
  'isVariableDeclarationList', 'isVariableStatement', 'isVoidExpression', 'isWhileStatement',
  'parseConfigFileTextToJson',
] as const;

type Members = (typeof MEMBERS)[number];

export const tsv = Object.fromEntries(MEMBERS.map((m) => [m, compiler[m]])) as Pick<typeof ts, Members>;
