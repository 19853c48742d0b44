import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * Accounts, organisations, rights and the audit trail (issue 10). A region (`county:21`) is the tenant: every
 * internal row names the region it belongs to in `region_id`.
 */

/**
 * Organisations: `region` (`county:21`, one per county), `municipality` (`municipality:2184`, in the region of its
 * county), `learning_centre`, `education_provider`, `other`. Regions and municipalities are created from the
 * geographies table (see `syncGeoOrganisations`); `region_id` is the tenant the organisation belongs to.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    regionId: text('region_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisations_region_idx').on(t.regionId)],
);

/** People. E-mail unique regardless of case (index on lower(email)); status active | disabled | deleted. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    language: text('language').notNull().default('sv'),
    status: text('status').notNull().default('active'),
    /** argon2id PHC string; null until the user sets a password (invitation) or for SSO-only users. */
    passwordHash: text('password_hash'),
    /** `issuer|subject` of a linked OpenID Connect identity. */
    oidcSubject: text('oidc_subject'),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_subject_idx').on(t.oidcSubject),
  ],
);

/** User × organisation × role. `areas`: the labour-market areas a broker (kompetensmaklare) is assigned to. */
export const memberships = pgTable(
  'memberships',
  {
    userId: text('user_id').notNull(),
    organisationId: text('organisation_id').notNull(),
    role: text('role').notNull(),
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId, t.role] }),
    index('memberships_org_idx').on(t.organisationId),
  ],
);

/** Server-side sessions. The cookie holds a random id; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** Absolute end (created + 7 days); the idle end is lastSeenAt + 8 h. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** API tokens for integrations (`Authorization: Bearer`), stored as SHA-256; scope read | write. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    name: text('name').notNull().default(''),
    tokenHash: text('token_hash').notNull(),
    scope: text('scope').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/** Single-use invitations (72 h): the link carries a random token, stored as SHA-256. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull(),
    userId: text('user_id').notNull(),
    organisationId: text('organisation_id').notNull(),
    regionId: text('region_id'),
    role: text('role').notNull(),
    invitedBy: text('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('invitations_hash_idx').on(t.tokenHash)],
);

/**
 * Append-only audit trail: who (user id, pseudonymous once personal data is deleted), when, which organisation and
 * region, entity type and id, action, before/after, request id and client IP. Row-level security limits reads to the
 * acting region.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    organisationId: text('organisation_id'),
    regionId: text('region_id'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    requestId: text('request_id'),
    ip: text('ip'),
  },
  (t) => [
    index('audit_events_region_at_idx').on(t.regionId, t.at),
    index('audit_events_entity_idx').on(t.entityType, t.entityId),
  ],
);

/** Outgoing e-mail. Sent over SMTP when configured; otherwise kept here for admins to read. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    regionId: text('region_id'),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Files sent with the message (e.g. an exam booking's calendar file), kept so the outbox can deliver them. */
    attachments:
      jsonb('attachments').$type<Array<{ filename: string; contentType: string; content: string }>>(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [index('outbox_region_idx').on(t.regionId, t.createdAt)],
);

/** Ownership and version of a custom labour-market area (geography `area:<slug>`): the region that edits it. */
export const areaOwners = pgTable(
  'area_owners',
  {
    areaId: text('area_id').primaryKey(),
    regionId: text('region_id').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('area_owners_region_idx').on(t.regionId)],
);
