-- The read-only role of the README ("Mastodon database verification"), as the tests create it.
-- :role and :password are replaced by the test; run as the database owner or a superuser.
CREATE ROLE :role LOGIN PASSWORD ':password';
ALTER ROLE :role SET default_transaction_read_only = on;
GRANT CONNECT ON DATABASE :database TO :role;
GRANT USAGE ON SCHEMA public TO :role;
GRANT SELECT ON session_activations, login_activities, oauth_access_tokens, users, user_roles,
    webauthn_credentials, identities, accounts, settings, backups TO :role;
