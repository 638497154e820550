/**
 * Error texts in kintone's two main languages. Real kintone answers in the API user's language;
 * for a user set to "follow the browser" it follows Accept-Language and falls back to English
 * when the header is absent (observed by SonicGarden/kintone-emulator docs/real-kintone-notes.md).
 * Texts marked "approx" were not observed on a real kintone: code and status are right, the
 * wording is ours. Nothing should match on message text anyway.
 */
export interface Messages {
  invalidInput: string;
  requiredParam: string;
  mustBePositive: string;
  required: string;
  unique: string;
  maxLength: (limit: number) => string;
  minLength: (limit: number) => string;
  maxValue: (limit: string) => string;
  minValue: (limit: string) => string;
  notNumber: string;
  notInOptions: (value: string) => string;
  invalidValue: string; // approx
  invalidDate: string; // approx
  invalidDateTime: string; // approx
  readOnlyField: string; // approx
  tooManyToAdd: string;
  tooManyToUpdate: string;
  deleteRange: string;
  idAndUpdateKey: string; // approx
  badUpdateKeyField: string; // approx
  recordNotFound: (id: string) => string;
  recordNotFoundByKey: (field: string, value: string) => string; // approx
  appNotFound: (id: string) => string;
  revisionConflict: string;
  loginRequired: string;
  passwordAuthFailed: string;
  tokenInvalid: string;
  tokenNoPermission: string;
  tokenDuplicate: string;
  noPrivilege: string;
  tooManyConcurrent: string;
  invalidJson: string;
  querySyntax: string;
  queryFieldNotFound: (code: string) => string;
  queryOperator: (code: string, op: string) => string; // approx in English
  queryTableOperator: (code: string, op: string) => string; // approx
  queryLimit: string; // approx in English
  queryOffset: string; // approx in English
  notImplemented: (method: string, path: string) => string;
  injectedFault: (status: number) => string;
  guestSpacePathRequired: string;
  noPermission: string;
  fieldCodeDuplicate: (code: string) => string; // approx
  badFieldCode: string; // approx
  unsupportedFieldType: string; // approx
  optionsRequired: string; // approx
  layoutUnknownField: (code: string) => string; // approx
  layoutMissingField: (code: string) => string; // approx
  deployInProgress: string; // approx
  appRevisionConflict: string; // approx
  userNotFound: (code: string) => string;
  groupNotFound: (code: string) => string; // approx
  organizationNotFound: (code: string) => string;
  commentsDisabled: string;
  commentLength: string;
  tooManyMentions: string; // approx
  enumValue: string;
  commentLimit: string; // approx
  mustBeZeroOrMore: string; // approx
}

/** A text rendered later in the language of the request. */
export type Text = (m: Messages) => string;

const en: Messages = {
  invalidInput: 'Missing or invalid input.',
  requiredParam: 'Required field.',
  mustBePositive: 'must be greater than or equal to 1',
  required: 'Required.',
  unique: 'This value already exists in another record.',
  maxLength: (limit) => `Enter less than ${limit} characters.`,
  minLength: (limit) => `Enter more than ${limit} characters.`,
  maxValue: (limit) => `The value must be ${limit} or less.`,
  minValue: (limit) => `The value must be ${limit} or more.`,
  notNumber: 'Only numbers are allowed.',
  notInOptions: (value) => `The value, "${value}", is not in options.`,
  invalidValue: 'The value is not in the format this field accepts.',
  invalidDate: 'Enter a date in the format YYYY-MM-DD.',
  invalidDateTime: 'Enter a date and time in the format YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS+HH:MM.',
  readOnlyField: 'This field cannot be set through this API.',
  tooManyToAdd: 'A maximum of 100 records can be added at one time.',
  tooManyToUpdate: 'A maximum of 100 records can be updated at one time.',
  deleteRange: 'Between 1 and 100 records can be deleted at one time.',
  idAndUpdateKey: 'Specify either id or updateKey, not both.',
  badUpdateKeyField: 'updateKey must name a Text or Number field that prohibits duplicate values.',
  recordNotFound: (id) => `The specified record (ID: ${id}) is not found.`,
  recordNotFoundByKey: (field, value) => `The specified record (${field}: ${value}) is not found.`,
  appNotFound: (id) => `The app (ID: ${id}) not found. The app may have been deleted.`,
  revisionConflict: 'The revision is not the latest. Someone may update a record.',
  loginRequired: 'Please login.',
  passwordAuthFailed:
    'Password authentication failed. The value in http header of X-Cybozu-Authorization is not valid.',
  tokenInvalid: 'The specified API token does not match the API token generated via an app.',
  tokenNoPermission: 'Using this API token, you cannot run the specified API.',
  tokenDuplicate: 'You cannot specify a duplicate API token for the same app.',
  noPrivilege: 'No privilege to proceed.',
  tooManyConcurrent: 'The number of concurrent API requests exceeds the limit.',
  invalidJson: 'Invalid JSON string.',
  querySyntax: 'The query is invalid.',
  queryFieldNotFound: (code) => `Specified field (${code}) not found.`,
  queryOperator: (code, op) => `The operator ${op} cannot be used for the field type of the field ${code}.`,
  queryTableOperator: (code, op) =>
    `The operator ${op} cannot be used for the field ${code} in a table. Use "in" or "not in".`,
  queryLimit: 'Specify 500 or less for limit.',
  queryOffset: 'Specify 10,000 or less for offset.',
  notImplemented: (method, path) => `${method} ${path} is not implemented by the kintone emulator.`,
  injectedFault: (status) => `Fault injected by the kintone emulator (HTTP ${status}).`,
  guestSpacePathRequired:
    'You need to send a request to the URL: "/k/guest/<Space ID>/v1/..." to execute apps in Guest Spaces.',
  noPermission: 'You do not have permission.', // approx
  fieldCodeDuplicate: (code) => `The field code "${code}" is already used in this app.`,
  badFieldCode: 'A field code cannot be empty, start with a digit, or contain spaces or symbols other than _.',
  unsupportedFieldType: 'This field type cannot be added here.',
  optionsRequired: 'Each option needs a label equal to its key and an index.',
  layoutUnknownField: (code) => `The layout names "${code}", which is not a field of the app with that type.`,
  layoutMissingField: (code) => `The layout must place every field of the form; "${code}" is missing.`,
  deployInProgress: 'The app settings are being deployed. Try again when the deployment has finished.',
  appRevisionConflict: 'The revision is not the latest. Someone may have changed the app settings.',
  userNotFound: (code) => `The specified user (code：${code}) not found.`,
  groupNotFound: (code) => `The specified group (code：${code}) not found.`,
  organizationNotFound: (code) => `The specified organization (code：${code}) not found.`,
  commentsDisabled: 'Comment feature is disabled.',
  commentLength: 'Enter between 1 and 65,535 characters.',
  tooManyMentions: 'Up to 10 mentions can be specified.',
  enumValue: 'must be one of the enum value',
  commentLimit: 'must be less than or equal to 10',
  mustBeZeroOrMore: 'must be greater than or equal to 0',
};

const ja: Messages = {
  invalidInput: '入力内容が正しくありません。',
  requiredParam: '必須です。',
  mustBePositive: '最小でも1以上です。',
  required: '必須です。',
  unique: '値がほかのレコードと重複しています。',
  maxLength: (limit) => `${limit}文字より短くなければなりません。`,
  minLength: (limit) => `${limit}文字より長くなければなりません。`,
  maxValue: (limit) => `${limit}以下である必要があります。`,
  minValue: (limit) => `${limit}以上である必要があります。`,
  notNumber: '数字でなければなりません。',
  notInOptions: (value) => `"${value}"は選択肢にありません。`,
  invalidValue: 'このフィールドに指定できない形式の値です。',
  invalidDate: '日付はYYYY-MM-DDの形式で指定してください。',
  invalidDateTime: '日時はYYYY-MM-DDTHH:MM:SSZまたはYYYY-MM-DDTHH:MM:SS+HH:MMの形式で指定してください。',
  readOnlyField: 'このフィールドの値はこのAPIでは指定できません。',
  tooManyToAdd: '一度に100件までのレコードを追加できます。',
  tooManyToUpdate: '一度に100件までのレコードを更新できます。',
  deleteRange: '一度に1件から100件までのレコードを削除できます。',
  idAndUpdateKey: 'idとupdateKeyは同時に指定できません。',
  badUpdateKeyField: 'updateKeyには、値の重複を禁止した文字列(1行)または数値フィールドを指定してください。',
  recordNotFound: (id) => `指定したレコード（id: ${id}）が見つかりません。`,
  recordNotFoundByKey: (field, value) => `指定したレコード（${field}: ${value}）が見つかりません。`,
  appNotFound: (id) => `指定したアプリ（id: ${id}）が見つかりません。削除されている可能性があります。`,
  revisionConflict: '指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。',
  loginRequired: 'ログインしてください。',
  passwordAuthFailed:
    'ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。',
  tokenInvalid:
    '指定したAPIトークンは、アプリで生成されたトークンと異なります。アプリのAPIトークンの設定を確認してください。',
  tokenNoPermission: 'このAPIトークンでは、指定したAPIを実行できません。',
  tokenDuplicate: '同じアプリのAPIトークンを重複して指定できません。',
  noPrivilege: '権限がありません。',
  tooManyConcurrent: 'APIの同時リクエスト数が上限を超えています。',
  invalidJson: '不正なJSON文字列です。',
  querySyntax: 'クエリ記法が間違っています。',
  queryFieldNotFound: (code) => `指定されたフィールド（${code}）が見つかりません。`,
  queryOperator: (code, op) => `${code}フィールドのフィールドタイプには演算子${op}を使用できません。`,
  queryTableOperator: (code, op) =>
    `テーブル内の${code}フィールドには演算子${op}を使用できません。in または not in を使用してください。`,
  queryLimit: 'limit には 500 以下の値を指定してください。',
  queryOffset: 'offset には 10,000 以下の値を指定してください。',
  notImplemented: (method, path) => `${method} ${path} はkintoneエミュレーターでは実装されていません。`,
  injectedFault: (status) => `kintoneエミュレーターが挿入した障害です（HTTP ${status}）。`,
  guestSpacePathRequired:
    'ゲストスペース内のアプリを操作する場合は、リクエストの送信先を「/k/guest/（ゲストスペースのID）/v1/...」にします。',
  noPermission: '権限がありません。',
  fieldCodeDuplicate: (code) => `フィールドコード「${code}」はこのアプリですでに使われています。`,
  badFieldCode: 'フィールドコードは空にできず、数字で始めることも、空白や「_」以外の記号を含めることもできません。',
  unsupportedFieldType: 'このフィールドの種類はここに追加できません。',
  optionsRequired: '選択肢にはキーと同じ label と index が必要です。',
  layoutUnknownField: (code) => `レイアウトに指定した「${code}」は、その種類のフィールドとしてアプリにありません。`,
  layoutMissingField: (code) => `フォームのすべてのフィールドをレイアウトに指定してください。「${code}」がありません。`,
  deployInProgress: 'アプリの設定を運用環境へ反映しています。反映が終わってから再度実行してください。',
  appRevisionConflict: '指定したrevisionは最新ではありません。ほかのユーザーがアプリの設定を変更した可能性があります。',
  userNotFound: (code) => `指定したユーザー（code：${code}）が見つかりません。`,
  groupNotFound: (code) => `指定したグループ（code：${code}）が見つかりません。`,
  organizationNotFound: (code) => `指定した組織（code：${code}）が見つかりません。`,
  commentsDisabled: 'コメント機能が無効になっています。',
  commentLength: '1文字から65,535文字までで入力してください。',
  tooManyMentions: '宛先は10件まで指定できます。',
  enumValue: 'Enum値のいずれかでなければなりません。',
  commentLimit: '最大でも10以下です。',
  mustBeZeroOrMore: '最小でも0以上です。',
};

export function messagesFor(acceptLanguage: string | undefined): Messages {
  return acceptLanguage?.trim().toLowerCase().startsWith('ja') ? ja : en;
}
