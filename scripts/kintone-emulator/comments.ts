/**
 * Record comments: POST record/comment.json and GET record/comments.json as cybozu.dev documents them ("レコードのコメントを
 * 投稿する", "レコードのコメントを一括取得する"): text 1-65,535 characters, at most 10 mentions of existing users, groups or
 * organizations, the app and record view rights; GET pages at most 10 comments, newest first unless `order` is asc,
 * and says whether older and newer ones exist. What the docs leave open is taken from kintone-java-client's e2e tests
 * against kintone (ids count from 1 per record; a mention comes back as the names before the text) and kintone/js-sdk's
 * tests (GAIA_RE12 when comments are disabled, the text's CB_VA01 messages).
 */
import type { Directory } from './directory';
import { FieldErrorCollector, KintoneError, invalidParam, requiredParam } from './errors';
import type { Params } from './params';
import { stringParam } from './params';
import type { AppState, Entity, EntityType, Mention, StoredComment, StoredRecord } from './types';
import { nowDateTime } from './values';

const MAX_TEXT = 65_535;
const MAX_MENTIONS = 10;
const MAX_LIMIT = 10;
const ENTITY_TYPES: readonly EntityType[] = ['USER', 'GROUP', 'ORGANIZATION'];

const NOT_FOUND = {
  USER: { code: 'GAIA_IL26', text: 'userNotFound' },
  // Observed for organizations in kintone's error list; the group's code is our assumption.
  GROUP: { code: 'GAIA_IL27', text: 'groupNotFound' },
  ORGANIZATION: { code: 'GAIA_IL28', text: 'organizationNotFound' },
} as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function recordOf(app: AppState, params: Params): StoredRecord {
  const id = stringParam(params, 'record');
  if (id === undefined) throw requiredParam('record');
  if (!/^\d+$/.test(id) || Number(id) < 1) throw invalidParam('record', (m) => m.mustBePositive);
  if (app.commentsDisabled) throw new KintoneError(403, 'GAIA_RE12', (m) => m.commentsDisabled);
  const record = app.records.get(Number(id));
  if (!record) throw new KintoneError(404, 'GAIA_RE01', (m) => m.recordNotFound(id));
  return record;
}

function mentionsOf(raw: unknown, errors: FieldErrorCollector): Mention[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.add('comment.mentions', (m) => m.invalidValue);
    return [];
  }
  if (raw.length > MAX_MENTIONS) errors.add('comment.mentions', (m) => m.tooManyMentions);
  const mentions: Mention[] = [];
  raw.forEach((item: unknown, index) => {
    const entry = isObject(item) ? item : {};
    const { code, type } = entry;
    if (typeof code !== 'string' || code === '') errors.add(`comment.mentions[${index}].code`, (m) => m.requiredParam);
    if (!ENTITY_TYPES.includes(type as EntityType)) errors.add(`comment.mentions[${index}].type`, (m) => m.enumValue);
    if (typeof code === 'string' && code !== '' && ENTITY_TYPES.includes(type as EntityType))
      mentions.push({ code, type: type as EntityType });
  });
  return mentions;
}

/** POST record/comment.json → { id }. */
export function addComment(app: AppState, params: Params, user: Entity, directory: Directory): { id: string } {
  const errors = new FieldErrorCollector();
  const comment = params.comment;
  if (comment === undefined || comment === null) throw requiredParam('comment');
  if (!isObject(comment)) throw invalidParam('comment', (m) => m.invalidValue);
  const text = comment.text;
  if (typeof text !== 'string' || text === '') {
    errors.add('comment.text', (m) => m.commentLength);
    errors.add('comment.text', (m) => m.requiredParam);
  } else if ([...text].length > MAX_TEXT) {
    errors.add('comment.text', (m) => m.commentLength);
  }
  const mentions = mentionsOf(comment.mentions, errors);
  if (!errors.empty) throw errors.toError();
  const record = recordOf(app, params);
  for (const mention of mentions) {
    if (!directory.has(mention.type, mention.code)) {
      const { code, text: message } = NOT_FOUND[mention.type];
      throw new KintoneError(400, code, (m) => m[message](mention.code));
    }
  }
  const comments = record.comments ?? [];
  const stored: StoredComment = {
    id: (comments.at(-1)?.id ?? 0) + 1,
    text: text as string,
    createdAt: nowDateTime(),
    creator: user,
    mentions,
  };
  record.comments = [...comments, stored];
  return { id: String(stored.id) };
}

function countParam(params: Params, name: string, fallback: number, max?: number): number {
  const raw = stringParam(params, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw invalidParam(name, (m) => m.invalidValue);
  const value = Number(raw);
  if (value < 0) throw invalidParam(name, (m) => m.mustBeZeroOrMore);
  if (max !== undefined && value > max) throw invalidParam(name, (m) => m.commentLimit);
  return value;
}

/** The comment's text as GET answers it: with mentions, their names come first on a line of their own. */
function textAsRead(comment: StoredComment, directory: Directory): string {
  if (comment.mentions.length === 0) return comment.text;
  const names = comment.mentions.map((m) => directory.nameOf(m.type, m.code)).join(' ');
  return `${names} \n${comment.text} `;
}

/** GET record/comments.json → { comments, older, newer }. */
export function getComments(app: AppState, params: Params, directory: Directory): unknown {
  const order = stringParam(params, 'order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalidParam('order', (m) => m.enumValue);
  const offset = countParam(params, 'offset', 0);
  const limit = countParam(params, 'limit', MAX_LIMIT, MAX_LIMIT);
  const record = recordOf(app, params);
  const all = order === 'asc' ? [...(record.comments ?? [])] : [...(record.comments ?? [])].reverse();
  const page = all.slice(offset, offset + limit);
  const before = offset > 0;
  const after = offset + page.length < all.length;
  return {
    comments: page.map((c) => ({
      id: String(c.id),
      text: textAsRead(c, directory),
      createdAt: c.createdAt,
      creator: c.creator,
      mentions: c.mentions,
    })),
    older: order === 'desc' ? after : before,
    newer: order === 'desc' ? before : after,
  };
}
