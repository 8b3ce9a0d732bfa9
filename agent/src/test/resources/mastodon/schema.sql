-- The tables of Mastodon's database that tomaudit's Mastodon checks read, with ALL their columns and
-- indexes, written for this project from Mastodon's db/schema.rb (github.com/mastodon/mastodon,
-- commit 0070a2071a1d836cc6005ddb79d92ecbef998aed, schema version 2025_12_17_091936).
-- Rails types: string = character varying, datetime precision: nil = timestamp without time zone,
-- datetime (Rails 7 default precision 6) = timestamp(6) without time zone.
-- Deviation: accounts.id defaults to a sequence here instead of Mastodon's timestamp_id('accounts')
-- function (the checks never look at ids). Foreign keys are left out (the checks do not need them).
-- login_activities: the same columns in every Mastodon schema.rb since 3.5 (user_id, authentication_method,
-- provider, success, failure_reason, ip, user_agent, created_at; index on user_id).

CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    username character varying DEFAULT '' NOT NULL,
    domain character varying,
    private_key text,
    public_key text DEFAULT '' NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    note text DEFAULT '' NOT NULL,
    display_name character varying DEFAULT '' NOT NULL,
    uri character varying DEFAULT '' NOT NULL,
    url character varying,
    avatar_file_name character varying,
    avatar_content_type character varying,
    avatar_file_size integer,
    avatar_updated_at timestamp without time zone,
    header_file_name character varying,
    header_content_type character varying,
    header_file_size integer,
    header_updated_at timestamp without time zone,
    avatar_remote_url character varying,
    locked boolean DEFAULT false NOT NULL,
    header_remote_url character varying DEFAULT '' NOT NULL,
    last_webfingered_at timestamp without time zone,
    inbox_url character varying DEFAULT '' NOT NULL,
    outbox_url character varying DEFAULT '' NOT NULL,
    shared_inbox_url character varying DEFAULT '' NOT NULL,
    followers_url character varying DEFAULT '' NOT NULL,
    protocol integer DEFAULT 0 NOT NULL,
    memorial boolean DEFAULT false NOT NULL,
    moved_to_account_id bigint,
    featured_collection_url character varying,
    fields jsonb,
    actor_type character varying,
    discoverable boolean,
    also_known_as character varying[],
    silenced_at timestamp without time zone,
    suspended_at timestamp without time zone,
    hide_collections boolean,
    avatar_storage_schema_version integer,
    header_storage_schema_version integer,
    sensitized_at timestamp without time zone,
    suspension_origin integer,
    trendable boolean,
    reviewed_at timestamp without time zone,
    requested_review_at timestamp without time zone,
    indexable boolean DEFAULT false NOT NULL,
    attribution_domains character varying[] DEFAULT '{}',
    following_url character varying DEFAULT '' NOT NULL,
    id_scheme integer DEFAULT 1,
    feature_approval_policy integer DEFAULT 0 NOT NULL
);
CREATE UNIQUE INDEX index_accounts_on_username_and_domain_lower ON accounts (lower((username)::text), COALESCE(lower((domain)::text), ''::text));
CREATE INDEX index_accounts_on_domain_and_id ON accounts (domain, id);
CREATE INDEX index_accounts_on_moved_to_account_id ON accounts (moved_to_account_id) WHERE (moved_to_account_id IS NOT NULL);
CREATE INDEX index_accounts_on_uri ON accounts (uri);
CREATE INDEX index_accounts_on_url ON accounts (url text_pattern_ops) WHERE (url IS NOT NULL);

CREATE TABLE backups (
    id bigserial PRIMARY KEY,
    user_id bigint,
    dump_file_name character varying,
    dump_content_type character varying,
    dump_updated_at timestamp without time zone,
    processed boolean DEFAULT false NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    dump_file_size bigint
);
CREATE INDEX index_backups_on_user_id ON backups (user_id);

CREATE TABLE identities (
    id bigserial PRIMARY KEY,
    provider character varying DEFAULT '' NOT NULL,
    uid character varying DEFAULT '' NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    user_id bigint
);
CREATE UNIQUE INDEX index_identities_on_uid_and_provider ON identities (uid, provider);
CREATE INDEX index_identities_on_user_id ON identities (user_id);

CREATE TABLE login_activities (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL,
    authentication_method character varying,
    provider character varying,
    success boolean,
    failure_reason character varying,
    ip inet,
    user_agent character varying,
    created_at timestamp(6) without time zone
);
CREATE INDEX index_login_activities_on_user_id ON login_activities (user_id);

CREATE TABLE oauth_access_tokens (
    id bigserial PRIMARY KEY,
    token character varying NOT NULL,
    refresh_token character varying,
    expires_in integer,
    revoked_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    scopes character varying,
    application_id bigint,
    resource_owner_id bigint,
    last_used_at timestamp without time zone,
    last_used_ip inet
);
CREATE UNIQUE INDEX index_oauth_access_tokens_on_refresh_token ON oauth_access_tokens (refresh_token text_pattern_ops) WHERE (refresh_token IS NOT NULL);
CREATE INDEX index_oauth_access_tokens_on_resource_owner_id ON oauth_access_tokens (resource_owner_id) WHERE (resource_owner_id IS NOT NULL);
CREATE UNIQUE INDEX index_oauth_access_tokens_on_token ON oauth_access_tokens (token);

CREATE TABLE session_activations (
    id bigserial PRIMARY KEY,
    session_id character varying NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    user_agent character varying DEFAULT '' NOT NULL,
    ip inet,
    access_token_id bigint,
    user_id bigint NOT NULL,
    web_push_subscription_id bigint
);
CREATE INDEX index_session_activations_on_access_token_id ON session_activations (access_token_id);
CREATE UNIQUE INDEX index_session_activations_on_session_id ON session_activations (session_id);
CREATE INDEX index_session_activations_on_user_id ON session_activations (user_id);

CREATE TABLE settings (
    id bigserial PRIMARY KEY,
    var character varying NOT NULL,
    value text,
    created_at timestamp without time zone,
    updated_at timestamp without time zone
);
CREATE UNIQUE INDEX index_settings_on_var ON settings (var);

CREATE TABLE user_roles (
    id bigserial PRIMARY KEY,
    name character varying DEFAULT '' NOT NULL,
    color character varying DEFAULT '' NOT NULL,
    position integer DEFAULT 0 NOT NULL,
    permissions bigint DEFAULT 0 NOT NULL,
    highlighted boolean DEFAULT false NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email character varying DEFAULT '' NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    encrypted_password character varying DEFAULT '' NOT NULL,
    reset_password_token character varying,
    reset_password_sent_at timestamp without time zone,
    sign_in_count integer DEFAULT 0 NOT NULL,
    current_sign_in_at timestamp without time zone,
    last_sign_in_at timestamp without time zone,
    confirmation_token character varying,
    confirmed_at timestamp without time zone,
    confirmation_sent_at timestamp without time zone,
    unconfirmed_email character varying,
    locale character varying,
    consumed_timestep integer,
    otp_required_for_login boolean DEFAULT false NOT NULL,
    last_emailed_at timestamp without time zone,
    otp_backup_codes character varying[],
    account_id bigint NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    invite_id bigint,
    chosen_languages character varying[],
    created_by_application_id bigint,
    approved boolean DEFAULT true NOT NULL,
    sign_in_token character varying,
    sign_in_token_sent_at timestamp without time zone,
    webauthn_id character varying,
    sign_up_ip inet,
    skip_sign_in_token boolean,
    role_id bigint,
    settings text,
    time_zone character varying,
    otp_secret character varying,
    age_verified_at timestamp(6) without time zone,
    require_tos_interstitial boolean DEFAULT false NOT NULL
);
CREATE INDEX index_users_on_account_id ON users (account_id);
CREATE UNIQUE INDEX index_users_on_confirmation_token ON users (confirmation_token);
CREATE INDEX index_users_on_created_by_application_id ON users (created_by_application_id) WHERE (created_by_application_id IS NOT NULL);
CREATE UNIQUE INDEX index_users_on_email ON users (email);
CREATE UNIQUE INDEX index_users_on_reset_password_token ON users (reset_password_token text_pattern_ops) WHERE (reset_password_token IS NOT NULL);
CREATE INDEX index_users_on_role_id ON users (role_id) WHERE (role_id IS NOT NULL);
CREATE INDEX index_users_on_unconfirmed_email ON users (unconfirmed_email) WHERE (unconfirmed_email IS NOT NULL);

CREATE TABLE webauthn_credentials (
    id bigserial PRIMARY KEY,
    external_id character varying NOT NULL,
    public_key character varying NOT NULL,
    nickname character varying NOT NULL,
    sign_count bigint DEFAULT 0 NOT NULL,
    user_id bigint,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE UNIQUE INDEX index_webauthn_credentials_on_external_id ON webauthn_credentials (external_id);
CREATE UNIQUE INDEX index_webauthn_credentials_on_user_id_and_nickname ON webauthn_credentials (user_id, nickname);
