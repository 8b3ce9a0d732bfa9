-- Prosody configuration of a small community server.
-- Written for tomaudit's tests in the style of Prosody's own test and container configs: admins
-- from a file, settings from the environment, a Lua.require the sandbox must refuse, per-host
-- and component blocks, and an Include. The values are invented.
admins = FileLines("admins.txt")

network_backend = ENV_PROSODY_NETWORK_BACKEND or "epoll"
network_settings = Lua.require"prosody.util.json".decode(ENV_PROSODY_NETWORK_SETTINGS or "{}")

modules_enabled = {
	"roster"; "saslauth"; "tls"; "disco"; "carbons"; "pep"; "private"; "blocklist";
	"vcard4"; "vcard_legacy"; "version"; "uptime"; "time"; "ping"; "register"; "mam";
	"csi_simple"; "smacks"; "cloud_notify";
}

c2s_require_encryption = true
s2s_require_encryption = true
s2s_secure_auth = true
authentication = "internal_hashed"
archive_expires_after = ENV_ARCHIVE_EXPIRY or "1w"

log = {
	info = "/var/log/prosody/prosody.log";
	error = "/var/log/prosody/prosody.err";
}

certificates = "certs"

VirtualHost "chat.example.org"
	allow_registration = false

Component "rooms.chat.example.org" "muc"
	modules_enabled = { "muc_mam" }
	muc_log_expires_after = "1w"

Component "upload.chat.example.org" "http_file_share"
	http_file_share_expires_after = 60 * 60 * 24 * 7

Include "conf.d/*.cfg.lua"
